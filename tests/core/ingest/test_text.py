import codecs

from core.ingest.text import decode, normalize


def test_boms_are_honoured_and_removed() -> None:
    assert decode(codecs.BOM_UTF8 + "pain ü".encode()).text == "pain ü"
    assert decode(codecs.BOM_UTF16_LE + "pain ü".encode("utf-16-le")).text == "pain ü"
    assert decode(codecs.BOM_UTF32_LE + "pain ü".encode("utf-32-le")).encoding == "utf-32-le"


def test_non_utf8_falls_back_to_cp1252_with_a_note() -> None:
    decoded = decode("crème brûlée – “quoted”".encode("cp1252"))
    assert decoded.text == "crème brûlée – “quoted”"
    assert decoded.encoding == "cp1252"
    assert "not valid UTF-8" in decoded.notes[0]


def test_bytes_cp1252_cannot_map_fall_back_to_latin1() -> None:
    decoded = decode(b"caf\xe9 \x81")
    assert decoded.encoding == "latin-1" and decoded.text.startswith("café")


def test_nul_bytes_are_removed_with_a_note() -> None:
    decoded = decode(b"rye\x00 bread\x00")
    assert decoded.text == "rye bread"
    assert "2 NUL" in decoded.notes[0]


def test_normalize_fixes_newlines_entities_invisibles_and_composition() -> None:
    raw = "Salt &amp; time\r\nline two\rthree &lt;3\n\n\n\nend"
    assert normalize(raw) == "Salt & time\nline two\nthree <3\n\nend"
    assert normalize("SY\u200bSTEM \u202eevil\u202c \ufeffok") == "SYSTEM evil ok"
    assert normalize("cafe\u0301") == "café"  # NFD to NFC
    assert (
        normalize("chef \U0001f469\u200d\U0001f373 x\u200dy")
        == "chef \U0001f469\u200d\U0001f373 xy"
    )
    assert normalize("tab\there  \nctrl\x07") == "tab\there\nctrl"
