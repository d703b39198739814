#!/usr/bin/env python3
"""Runs the language-ID peers of issue 7 item 3 on the held-out set of scripts/lid/build_data.py.

Peers (versions pinned in scripts/reference/requirements-lid.txt, scratch venv /work/lid-venv):
  lingua           lingua-language-detector, high-accuracy mode (its default), all its languages
                   loaded (with_preloaded_language_models);
  lingua_covered   the same, restricted to the languages of ours it supports;
  langdetect       langdetect (port of Nakatani Shuyo's language-detection), DetectorFactory.seed = 0.
Codes are mapped onto our label set: langdetect zh-cn -> zh-Hans, zh-tw -> zh-Hant, no -> nb;
lingua's single Chinese -> zh-Hant when the text has more traditional-only than simplified-only
characters (table below), else zh-Hans; lid_score.py also compares Chinese at the `zh` level for
every system in the peer tables; no answer -> und.

    /work/lid-venv/bin/python scripts/reference/lid_peers.py --heldout /work/lid-data/heldout.jsonl \\
        --labels /work/lid-data/train.jsonl --output /work/lid-data/pred_peers.jsonl \\
        [--speed /work/lid-data/peer_speed.json] [--systems lingua,lingua_covered,langdetect]
Writes one JSON line per held-out item: {"i": <line index>, "lingua": ..., "lingua_covered": ...,
"langdetect": ...}. Throughput (texts/s and MB/s, one thread, after model loading) goes to --speed.
"""
import argparse
import json
import time

LANGDETECT_MAP = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant", "no": "nb"}


# Simplified / traditional forms of frequent characters that differ (a fact table, one pair per
# position, from the Unicode Unihan kSimplifiedVariant/kTraditionalVariant relation). Used only to
# split lingua's single Chinese into zh-Hans / zh-Hant: traditional when the text has more
# traditional-only than simplified-only characters, else simplified (also on ties).
SIMPLIFIED = "个这们来时为说国对会发过后从动种开关么还进没长现实点问题学经样设选择项数据显网络错误无载册编辑页帮图标签钮键盘输单击机统务执级储复删该将与当户视频声读写认证码结构应变换装线连条体语览浏报则规类转边纸张颜调节录库队区块间隐层属试验"
TRADITIONAL = "個這們來時為說國對會發過後從動種開關麼還進沒長現實點問題學經樣設選擇項數據顯網絡錯誤無載冊編輯頁幫圖標籤鈕鍵盤輸單擊機統務執級儲復刪該將與當戶視頻聲讀寫認證碼結構應變換裝線連條體語覽瀏報則規類轉邊紙張顏調節錄庫隊區塊間隱層屬試驗"
ONLY_S = set(SIMPLIFIED) - set(TRADITIONAL)
ONLY_T = set(TRADITIONAL) - set(SIMPLIFIED)


def chinese_script(text):
    s = sum(ch in ONLY_S for ch in text)
    t = sum(ch in ONLY_T for ch in text)
    return "zh-Hant" if t > s else "zh-Hans"


def lingua_label(lang, text):
    if lang is None:
        return "und"
    code = lang.iso_code_639_1.name.lower()
    return chinese_script(text) if code == "zh" else code


def build_lingua(covered):
    from lingua import Language, LanguageDetectorBuilder
    if covered is None:
        b = LanguageDetectorBuilder.from_all_languages()
    else:
        want = {"zh" if c.startswith("zh-") else c for c in covered}
        langs = [l for l in Language.all() if l.iso_code_639_1.name.lower() in want]
        b = LanguageDetectorBuilder.from_languages(*langs)
    det = b.with_preloaded_language_models().build()
    return lambda t: lingua_label(det.detect_language_of(t), t)


def lingua_supported():
    from lingua import Language
    return sorted(l.iso_code_639_1.name.lower() for l in Language.all())


def build_langdetect():
    from langdetect import DetectorFactory, detect
    from langdetect.lang_detect_exception import LangDetectException
    DetectorFactory.seed = 0

    def run(t):
        try:
            c = detect(t)
        except LangDetectException:
            return "und"
        return LANGDETECT_MAP.get(c, c)
    return run


def langdetect_supported():
    import os
    import langdetect
    d = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    return sorted(LANGDETECT_MAP.get(f, f) for f in os.listdir(d))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heldout", required=True)
    ap.add_argument("--labels", help="train.jsonl (or heldout) to read the covered label set from")
    ap.add_argument("--output", required=True)
    ap.add_argument("--speed", help="write throughput JSON here")
    ap.add_argument("--systems", default="lingua,lingua_covered,langdetect")
    ap.add_argument("--limit", type=int, default=0, help="only the first N items (smoke test)")
    a = ap.parse_args()
    items = [json.loads(l) for l in open(a.heldout, encoding="utf-8")]
    if a.limit:
        items = items[:a.limit]
    covered = sorted({json.loads(l)["label"] for l in open(a.labels or a.heldout, encoding="utf-8")})
    systems = a.systems.split(",")
    preds = [{"i": i} for i in range(len(items))]
    speed = {}
    for s in systems:
        t0 = time.perf_counter()
        fn = build_lingua(None) if s == "lingua" else build_lingua(covered) if s == "lingua_covered" \
            else build_langdetect()
        fn("Warm-up text, not timed.")  # langdetect loads its profiles on the first call
        load = time.perf_counter() - t0
        t0 = time.process_time()
        nbytes = 0
        for p, it in zip(preds, items):
            p[s] = fn(it["text"])
            nbytes += len(it["text"].encode())
        cpu = time.process_time() - t0
        speed[s] = {"items": len(items), "cpu_seconds": round(cpu, 2), "texts_per_s": round(len(items) / cpu, 1),
                    "MB_per_s": round(nbytes / 1e6 / cpu, 3), "load_seconds": round(load, 2),
                    "supported": lingua_supported() if s.startswith("lingua") else langdetect_supported()}
        print(s, {k: v for k, v in speed[s].items() if k != "supported"}, flush=True)
    with open(a.output, "w") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    if a.speed:
        json.dump(speed, open(a.speed, "w"), indent=1)


if __name__ == "__main__":
    main()
