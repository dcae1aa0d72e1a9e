"""The gazetteer: our own versioned data files under ``data/gazetteer/``, read into entries and
entity-ruler patterns. Code reads the data; reviewers diff the JSON."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..errors import DataError
from ..resources import read_json

_APOSTROPHES = ("'s", "’s")


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    country: str | None
    start: str | None
    end: str | None

    def holds_on(self, day: str | None) -> bool:
        """True when the role is held on ``day`` (ISO date); any role counts without a date."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class GazEntry:
    id: str
    name: str
    label: str
    kind: str
    country: str | None
    qid: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    note: str | None = None


@dataclass(slots=True)
class Gazetteer:
    entries: dict[str, GazEntry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()
    role_nouns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    nicknames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    version: str = ""
    _alias_table: dict[str, str] = field(default_factory=dict)

    def patterns(self) -> list[dict[str, Any]]:
        """Entity-ruler phrase patterns: every alias, its capitalised form and curly-apostrophe
        variant, each carrying the entry id."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for entry in self.entries.values():
            for alias in entry.aliases:
                for form in _variants(alias):
                    if (form, entry.id) in seen:
                        continue
                    seen.add((form, entry.id))
                    out.append({"label": entry.label, "pattern": form, "id": entry.id})
        return out

    def by_alias(self) -> dict[str, str]:
        """Surface form → entry id (built once; the gazetteer does not change after loading)."""
        if not self._alias_table:
            for entry in self.entries.values():
                for alias in entry.aliases:
                    for form in _variants(alias):
                        self._alias_table.setdefault(form, entry.id)
        return self._alias_table


def _variants(alias: str) -> list[str]:
    forms = [alias]
    if alias[:1].islower():
        forms.append(alias[:1].upper() + alias[1:])
    if "'" in alias:
        forms += [f.replace("'", "’") for f in list(forms)]
    return forms


def _read(name: str) -> dict[str, Any]:
    return read_json("gazetteer", name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Read all gazetteer files (cached: they are immutable package data)."""
    gaz = Gazetteer()
    qids: dict[str, str] = _read("qids.json")["qids"]
    versions = []

    def add(entry: GazEntry) -> None:
        if entry.id in gaz.entries:
            raise DataError(f"gazetteer id {entry.id} is defined twice")
        gaz.entries[entry.id] = entry

    countries = _read("countries.json")
    versions.append(countries["version"])
    for row in countries["entries"]:
        add(GazEntry(row["id"], row["name"], "GPE", "country", row["iso3"], qids.get(row["id"]),
                     tuple(row["aliases"]), note=row.get("note")))
        for demonym in row["demonyms"]:
            gaz.demonyms[demonym] = row["iso3"]
        adjective = next((d for d in row["demonyms"] if not d.endswith("s") or d == "Swiss"), None)
        plural = next((d for d in row["demonyms"] if d.endswith("s")), None)
        if row["demonyms"]:
            people_id = f"people:{row['iso3']}"
            add(GazEntry(people_id, plural or adjective or row["demonyms"][0], "NORP", "nationality",
                         row["iso3"], None, tuple(row["demonyms"])))

    places = _read("places.json")
    versions.append(places["version"])
    for row in places["entries"]:
        aliases = list(row.get("aliases", []))
        for base in row.get("bases", []):
            aliases += [f"{base} region", f"{base} Region", f"{base} oblast", f"{base} Oblast"]
        add(GazEntry(row["id"], row["name"], row["label"], row["kind"], row.get("country"),
                     qids.get(row["id"]), tuple(aliases), note=row.get("status") or row.get("note")))

    orgs = _read("organizations.json")
    versions.append(orgs["version"])
    named_aliases: set[str] = set()
    institutions: dict[tuple[str, str], str] = {}
    for row in orgs["entries"]:
        add(GazEntry(row["id"], row["name"], row["label"], row["kind"], row.get("country"),
                     qids.get(row["id"]), tuple(row["aliases"]), note=row.get("note")))
        named_aliases.update(row["aliases"])
        if row.get("institution"):
            institutions[(row["institution"], row["country"])] = row["id"]

    _expand_institutions(gaz, countries["entries"], named_aliases, institutions)

    for fname, label in (("people.json", "PERSON"), ("weapons.json", "WEAPON"), ("groups.json", "NORP")):
        data = _read(fname)
        versions.append(data["version"])
        for row in data["entries"]:
            roles = tuple(Role(r["title"], r.get("country"), r.get("start"), r.get("end"))
                          for r in row.get("roles", []))
            kind = row.get("kind", "person" if label == "PERSON" else "weapon")
            add(GazEntry(row["id"], row["name"], label, kind, row.get("country"),
                         qids.get(row["id"]), tuple(row["aliases"]), roles, row.get("note")))

    titles = _read("titles.json")
    gaz.titles = tuple(titles["titles"])
    gaz.role_nouns = {k: tuple(v) for k, v in titles["roles"].items()}
    gaz.nicknames = {k: tuple(v) for k, v in _read("nicknames.json")["nicknames"].items()}
    gaz.version = "+".join(sorted(set(versions)))
    return gaz


def _expand_institutions(
    gaz: Gazetteer,
    countries: list[dict[str, Any]],
    named: set[str],
    institutions: dict[tuple[str, str], str],
) -> None:
    """Expand the templates per country; expansions of a named institution join its entry."""
    templates = _read("institutions.json")["templates"]
    for country in countries:
        iso3 = country["iso3"]
        adjectives = [d for d in country["demonyms"] if not (d.endswith("s") and d != "Swiss")]
        for tpl in templates:
            aliases: list[str] = []
            for form in tpl["forms"]:
                if "{adj}" in form:
                    aliases += [form.replace("{adj}", adj) for adj in adjectives]
                elif "{country}" in form:
                    aliases += [form.replace("{country}", name) for name in country["aliases"]]
            aliases = [a for a in dict.fromkeys(aliases) if a not in named]
            if not aliases:
                continue
            named_id = institutions.get((tpl["id"], iso3))
            if named_id:
                entry = gaz.entries[named_id]
                gaz.entries[named_id] = replace(entry, aliases=entry.aliases + tuple(aliases))
                continue
            entry_id = f"{tpl['id']}:{iso3}"
            name = tpl["name"].replace("{name}", country["name"])
            gaz.entries[entry_id] = GazEntry(entry_id, name, "ORG", tpl["kind"], iso3, None,
                                             tuple(aliases))
