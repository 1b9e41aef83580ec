#!/usr/bin/python3
"""datasketch's MinHash (128 permutations) + MinHashLSH on the rumor_bench corpus.

The common Python way to find near-duplicates, run on the same claims and posts as
`rumor_bench run`, for a side-by-side comparison (bench/rumor_vs_datasketch.sh).

    DATASKETCH_DIR=/path/to/datasketch python3 bench/datasketch_rumor.py DIR [--posts N]
        [--thresholds 0.5,0.3]

Text is prepared the way a careful user would: NFKC, case folding, only letters and digits kept,
character 3-grams. MinHash objects share one set of permutations (datasketch's documented way to
avoid regenerating them per object). A post is matched to the candidate with the highest
estimated Jaccard similarity. Prints one JSON object per threshold. Skips, with a message, when
DATASKETCH_DIR is not set.
"""
import json
import os
import sys
import time
import unicodedata


def rss_bytes():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) * 1024
    return 0


def normalize(s):
    s = unicodedata.normalize('NFKC', s).casefold()
    return ''.join(ch for ch in s if ch.isalnum())


def shingles(s, k=3):
    if not s:
        return []
    return list({s[i:i + k].encode('utf-8') for i in range(max(1, len(s) - k + 1))})


def main():
    ds = os.environ.get('DATASKETCH_DIR')
    if not ds:
        print('datasketch_rumor: DATASKETCH_DIR is not set; skipping the datasketch comparison',
              file=sys.stderr)
        return 0
    sys.path.insert(0, ds)
    from datasketch import MinHash, MinHashLSH  # noqa: E402

    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    directory = args[0]
    n_posts = 2000
    thresholds = [0.5]
    i = 1
    while i < len(args):
        if args[i] == '--posts':
            n_posts = int(args[i + 1])
        elif args[i] == '--thresholds':
            thresholds = [float(t) for t in args[i + 1].split(',')]
        i += 2
    num_perm = 128

    claims = [json.loads(line) for line in open(os.path.join(directory, 'claims.jsonl'), encoding='utf-8')]
    posts = []
    with open(os.path.join(directory, 'posts.jsonl'), encoding='utf-8') as f:
        for line in f:
            posts.append(json.loads(line))
            if len(posts) >= n_posts:
                break

    perms = MinHash(num_perm=num_perm).permutations
    rss0 = rss_bytes()
    t0 = time.perf_counter()
    minhashes = {}
    for c in claims:
        m = MinHash(num_perm=num_perm, permutations=perms)
        m.update_batch(shingles(normalize(c['text'])))
        minhashes[c['id']] = m
    sketch_s = time.perf_counter() - t0

    for threshold in thresholds:
        t0 = time.perf_counter()
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        with lsh.insertion_session() as session:
            for cid, m in minhashes.items():
                session.insert(cid, m)
        build_s = sketch_s + time.perf_counter() - t0
        rss1 = rss_bytes()

        predicted = []
        w0, c0 = time.perf_counter(), time.process_time()
        for p in posts:
            m = MinHash(num_perm=num_perm, permutations=perms)
            m.update_batch(shingles(normalize(p['text'])))
            candidates = lsh.query(m)
            best = ''
            if candidates:
                best = max(sorted(candidates), key=lambda cid: m.jaccard(minhashes[cid]))
            predicted.append(best)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0

        rumors = right = flagged = flagged_right = 0
        for p, got in zip(posts, predicted):
            ok = bool(p['claim']) and got == p['claim']
            if p['claim']:
                rumors += 1
                right += ok
            if got:
                flagged += 1
                flagged_right += ok
        print(json.dumps({
            'engine': 'datasketch', 'threshold': threshold, 'num_perm': num_perm,
            'claims': len(claims), 'posts': len(posts),
            'posts_per_s_cpu': round(len(posts) / cpu), 'posts_per_s_wall': round(len(posts) / wall),
            'us_per_post_cpu': round(1e6 * cpu / len(posts), 1), 'build_s': round(build_s, 2),
            'rss_bytes_per_claim': round((rss1 - rss0) / len(claims)),
            'recall': round(right / rumors, 4) if rumors else 0.0,
            'precision': round(flagged_right / flagged, 4) if flagged else 1.0,
        }), flush=True)
        del lsh
    return 0


if __name__ == '__main__':
    sys.exit(main())
