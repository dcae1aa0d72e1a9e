"""The spaCy pipeline: model loading and our components."""

from .loader import load_pipeline, model_info

__all__ = ["load_pipeline", "model_info"]
