"""An independent look at a revision pyHanko cannot classify: its default
diff policy has no rule for annotations, so it files any added comment as
ModificationLevel.OTHER. This checks, object by object with pyHanko's
reader, that a revision did nothing but add non-widget annotations to a
page's /Annots (§6a's `annotation`)."""

from pyhanko.pdf_utils import generic


def only_annotations_added(reader, revision: int) -> bool:
    old = reader.get_historical_resolver(revision - 1)
    new = reader.get_historical_resolver(revision)
    added_annots = set()
    changed_pages = []
    for ref in new.explicit_refs_in_revision():
        obj = new(ref)
        existed = reader.xrefs.get_historical_ref(ref, revision - 1) is not None
        if not existed:
            if isinstance(obj, generic.DictionaryObject) and obj.get("/Type") == "/Annot" \
                    and obj.get("/Subtype") not in ("/Widget", None):
                added_annots.add(ref)
                continue
            return False
        before = old(ref)
        if not (isinstance(obj, generic.DictionaryObject) and obj.get("/Type") == "/Page"):
            return False
        changed_pages.append((before, obj))
    if not added_annots or not changed_pages:
        return False
    for before, after in changed_pages:
        keys = set(before.keys()) | set(after.keys())
        if any(before.raw_get(k) != after.raw_get(k) for k in keys - {"/Annots"}):
            return False
        was, now = _annot_refs(before), _annot_refs(after)
        if now[: len(was)] != was or not set(now[len(was):]) <= added_annots:
            return False
    return True


def _annot_refs(page) -> list:
    if "/Annots" not in page:
        return []
    annots = page["/Annots"]
    return [annots.raw_get(i).reference for i in range(len(annots))]
