"""Script conversion (OpenCC command line) and digit widening for the corpus generator."""
import subprocess

SEP = "\u2063"  # invisible separator: one opencc call for many strings


def s2t_many(strings):
    strings = list(strings)
    if not strings:
        return []
    joined = "\n".join(s.replace("\n", SEP) for s in strings)
    out = subprocess.run(["opencc", "-c", "s2t.json"], input=joined.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    parts = out.split("\n")
    if out.endswith("\n") and len(parts) == len(strings) + 1:
        parts = parts[:-1]
    assert len(parts) == len(strings), (len(parts), len(strings))
    return [p.replace(SEP, "\n") for p in parts]


def t2s_many(strings):
    strings = list(strings)
    out = subprocess.run(["opencc", "-c", "t2s.json"], input="\n".join(strings).encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")
    return out.rstrip("\n").split("\n")[:len(strings)]


def s2t(s):
    return s2t_many([s])[0]


FW = str.maketrans("0123456789.", "０１２３４５６７８９．")


def fullwidth_digits(s):
    return s.translate(FW)
