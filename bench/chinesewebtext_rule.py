#!/usr/bin/python3
"""Runs ChineseWebText's rule filter (CASIA-LM/ChineseWebText, preprocess.py, with its dict.txt)
on the pages of a `sluice gen` directory and reports its throughput and what it flags, as one
JSON line, for side-by-side comparison with bench_spam.

    chinesewebtext_rule.py GEN_DIR [--reps N]

The checkout comes from $CHINESEWEBTEXT_DIR; nothing of it is copied here. Its code is imported
and called as its own __main__ would call it (preprocess(file_path) on a JSONL file), from a
temporary directory that also holds two stand-in modules it imports but Debian lacks:
  - zhconv: convert() returns its input unchanged, so the traditional-character rule never fires
    (the comparison is about the sensitive-word rule; gen pages are half traditional);
  - tqdm: only used by its __main__ progress bar.
The stand-ins live in the temporary directory only, never in the repository.

Timing is process CPU time (the machine is shared). The sensitive-word rule's own cost is the
difference between a run with its dict.txt and a run with an empty dictionary (same code, same
pages); the full filter's cost is the first run.
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time


def load_truth(gen_dir):
    spam_blocks = {}
    with open(os.path.join(gen_dir, "truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("subject") == "page" and d.get("label") == "spam":
                spam_blocks[d["id"]] = len(d.get("spans", []))
    return spam_blocks


def write_stubs(tmp):
    with open(os.path.join(tmp, "zhconv.py"), "w", encoding="utf-8") as f:
        f.write("def issimp(s, full=False):\n    return True\n\n"
                "def convert(s, locale, update=None):\n    return s\n")
    with open(os.path.join(tmp, "tqdm.py"), "w", encoding="utf-8") as f:
        f.write("def tqdm(it=None, *a, **k):\n    return it\n")


def ids_in(path):
    out = set()
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                out.add(json.loads(line)["info"]["url"])
    return out


def run(preprocess_fn, input_path, dict_dir):
    """Calls preprocess(input_path) with the dictionary in dict_dir (it opens ./dict.txt)."""
    cwd = os.getcwd()
    os.chdir(dict_dir)
    try:
        t0 = time.process_time()
        preprocess_fn(input_path)
        return time.process_time() - t0
    finally:
        os.chdir(cwd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gen_dir")
    ap.add_argument("--reps", type=int, default=1)
    args = ap.parse_args()
    cwt = os.environ.get("CHINESEWEBTEXT_DIR")
    if not cwt:
        print("chinesewebtext_rule: CHINESEWEBTEXT_DIR is not set; skipping the comparison",
              file=sys.stderr)
        return 0
    if not os.path.exists(os.path.join(cwt, "preprocess.py")):
        print(f"chinesewebtext_rule: {cwt}: no preprocess.py", file=sys.stderr)
        return 2

    pages_dir = os.path.join(args.gen_dir, "pages")
    names = sorted(n for n in os.listdir(pages_dir) if n.endswith(".txt"))
    spam_blocks = load_truth(args.gen_dir)

    with tempfile.TemporaryDirectory(prefix="cwt_bench_") as tmp:
        write_stubs(tmp)
        sys.path.insert(0, tmp)
        sys.path.insert(1, cwt)
        import preprocess  # noqa: E402  (ChineseWebText's module, from the checkout)

        total_bytes = 0
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        input_path = os.path.join(data, "pages.jsonl")
        with open(input_path, "w", encoding="utf-8") as out:
            for n in names:
                with open(os.path.join(pages_dir, n), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                total_bytes += len(text.encode("utf-8"))
                out.write(json.dumps({"raw_content": text, "url": n, "title": "",
                                      "source_domain": "gen"}, ensure_ascii=False) + "\n")
        empty_dict = os.path.join(tmp, "empty_dict")
        os.makedirs(empty_dict)
        open(os.path.join(empty_dict, "dict.txt"), "w").close()

        full = min(run(preprocess.preprocess, input_path, cwt) for _ in range(args.reps))
        flagged = ids_in(os.path.join(data, "sensitive", "pages.jsonl"))
        dropped = set()
        for bucket in ("length", "character", "sensitive", "duplication"):
            dropped |= ids_in(os.path.join(data, bucket, "pages.jsonl"))
        # preprocess() catches its own exceptions and stops the file: check every page got through.
        processed = len(dropped | ids_in(os.path.join(data, "remain", "pages.jsonl")))
        no_dict = min(run(preprocess.preprocess, input_path, empty_dict) for _ in range(args.reps))
        rule_seconds = max(full - no_dict, 1e-9)

    spam_pages = set(spam_blocks)
    result = {
        "tool": "chinesewebtext",
        "pages": len(names),
        "pages_processed": processed,
        "bytes": total_bytes,
        "filter_seconds": round(full, 3),
        "filter_mb_per_s": round(total_bytes / 1e6 / full, 3),
        "sensitive_rule_seconds": round(rule_seconds, 3),
        "sensitive_rule_mb_per_s": round(total_bytes / 1e6 / rule_seconds, 3),
        "spam_pages": len(spam_pages),
        "blocks": sum(spam_blocks.values()),
        "spam_pages_flagged_sensitive": len(flagged & spam_pages),
        "blocks_on_flagged_pages": sum(spam_blocks[n] for n in flagged & spam_pages),
        "clean_pages_flagged_sensitive": len(flagged - spam_pages),
        "spam_pages_dropped_any_rule": len(dropped & spam_pages),
        "clean_pages_dropped_any_rule": len(dropped - spam_pages),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
