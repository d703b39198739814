"""Golden ids and loss masks for Quarry's SFT encoder (issue 8 item 7), from Hugging Face
tokenizers 0.23.3 (pinned in requirements-tokenizer.txt; scratch venv, never a dependency).

Trains three tiny byte-level BPE tokenizers (vocab 700, specials <|endoftext|>, <|im_start|>,
<|im_end|>) on the conversations below plus a fixed paragraph list, in three configurations:
  gpt2    ByteLevel pre-tokenizer (GPT-2 regex), no normalizer
  qwen2   NFC normalizer + Split(Qwen2 regex) + ByteLevel(use_regex false)
  prefix  ByteLevel(add_prefix_space true)
Each conversation is rendered with ChatML exactly as issue8-prep shards/SFT.md writes it
(<|im_start|>{role}\\n{content}<|im_end|>\\n per message; prompt/response lines become
user + assistant), encoded with `encode(text, add_special_tokens=False)` (what
apply_chat_template(tokenize=True) does), and the expected mask is 1 for a token whose start
offset (tokenizers' own offsets, post-processor disabled so offsets are not trimmed) lies in an
assistant content + its <|im_end|>, else 0. Quarry's test (SFTEncoderTests) compares.

usage: scripts/setup-venv.sh scripts/reference/requirements-tokenizer.txt .venv-tokenizer tokenizers
       .venv-tokenizer/bin/python scripts/reference/sft_golden.py [--out Tests/QuarryTokenizerTests/Fixtures/sft]
"""
import argparse
import json
import pathlib

import tokenizers
from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
QWEN2 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]

CONVERSATIONS = [
    {"messages": [{"role": "user", "content": "What is the capital of France?"},
                  {"role": "assistant", "content": "The capital of France is Paris."}]},
    {"messages": [{"role": "system", "content": "You are a helpful assistant."},
                  {"role": "user", "content": "Say hello."},
                  {"role": "assistant", "content": "Hello!"},
                  {"role": "user", "content": "Again, twice."},
                  {"role": "assistant", "content": "Hello! Hello!"}]},
    {"prompt": "Translate 'cat' to German.", "response": "Katze"},
    {"messages": [{"role": "user", "content": "Start with a blank line."},
                  {"role": "assistant", "content": "\n\nLike this, after two newlines."}]},
    {"messages": [{"role": "user", "content": "  leading spaces"},
                  {"role": "assistant", "content": " and a leading space here"}]},
    {"messages": [{"role": "user", "content": "Cafe\u0301 with a combining accent, and Ångström"},
                  {"role": "assistant", "content": "cafe\u0301 → café; e\u0301 composes under NFC."}]},
    {"messages": [{"role": "user", "content": "Emoji 👩‍👩‍👧 and 中文文本 mixed"},
                  {"role": "assistant", "content": "好的 👍🏽 done"}]},
    {"messages": [{"role": "user", "content": "Write <|im_end|> literally"},
                  {"role": "assistant", "content": "Here: <|im_end|> and <|im_start|>user"}]},
    {"messages": [{"role": "user", "content": "Empty answer please"},
                  {"role": "assistant", "content": ""}]},
    {"messages": [{"role": "user", "content": "Numbers 1234567 and code:\n```\nx = 1\r\n```"},
                  {"role": "tool", "content": "{\"result\": 42}"},
                  {"role": "assistant", "content": "The tool said 42.\n"}]},
]

PARAGRAPHS = [
    "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs.",
    "You are a helpful assistant. The user asks questions and the assistant answers them.",
    "Paris is the capital and most populous city of France. Berlin is the capital of Germany.",
    "def main():\n    print('hello world')\n    return 0\n",
    "Hello! How can I help you today? Thank you, that was helpful.",
]


def render(example):
    if "messages" in example:
        messages = example["messages"]
    else:
        messages = [{"role": "user", "content": example["prompt"]},
                    {"role": "assistant", "content": example["response"]}]
    text, spans = "", []
    for m in messages:
        text += "<|im_start|>" + m["role"] + "\n"
        start = len(text)
        text += m["content"]
        if m["role"] == "assistant":
            spans.append((start, len(text) + len("<|im_end|>")))
        text += "<|im_end|>\n"
    return text, spans


def build(config, corpus):
    tok = Tokenizer(models.BPE())
    if config == "gpt2":
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    elif config == "qwen2":
        tok.normalizer = normalizers.NFC()
        tok.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2), behavior="isolated", invert=False),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    elif config == "prefix":
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True, use_regex=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=700, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(corpus, trainer=trainer)
    tok.post_processor = None
    return tok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "Tests/QuarryTokenizerTests/Fixtures/sft"))
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rendered = [render(c) for c in CONVERSATIONS]
    corpus = PARAGRAPHS * 3 + [t for t, _ in rendered]
    with open(out / "conversations.jsonl", "w", encoding="utf-8") as f:
        for c in CONVERSATIONS:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    expected = []
    for config in ["gpt2", "qwen2", "prefix"]:
        tok = build(config, corpus)
        tok.save(str(out / f"tokenizer-{config}.json"))
        for index, (text, spans) in enumerate(rendered):
            enc = tok.encode(text, add_special_tokens=False)
            mask = [1 if any(a <= s < b for a, b in spans) else 0 for s, _ in enc.offsets]
            expected.append({"config": config, "index": index, "ids": enc.ids, "mask": mask})
    with open(out / "expected.jsonl", "w", encoding="utf-8") as f:
        for e in expected:
            f.write(json.dumps(e) + "\n")
    print(json.dumps({"tokenizers": tokenizers.__version__, "cases": len(expected),
                      "trained_tokens": sum(sum(e["mask"]) for e in expected),
                      "tokens": sum(len(e["ids"]) for e in expected)}))


if __name__ == "__main__":
    main()
