#!/usr/bin/env python3
"""Builds the demo's article picker content from the dev corpus (run once; output is committed).

For each ../shared/corpus/dev/<id>: www/articles/<id>.html, an article fragment (headline,
source line, body). Bodies come from the readability `expected.html` where there is one (real
markup: links, lists, figures), else from article.txt (one paragraph a line). Images and media
are dropped so that the demo makes no request outside its origin. Also writes
www/articles/index.json, the picker's list, and puts the seed article into www/index.html.
Needs ../shared beside the checkout."""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEV = os.path.join(ROOT, "..", "shared", "corpus", "dev")
OUT = os.path.join(ROOT, "www", "articles")

SOURCES = {
    "seed-iran-kerman": "Iran International",
    "bbc-1": "BBC News",
    "buzzfeed-1": "BuzzFeed News",
    "nytimes-1": "The New York Times",
    "schema-org-context-object": "The Guardian",
    "wapo-1": "The Washington Post",
}


def title_of(source_html, fallback):
    m = re.search(r'<meta[^>]+property="og:title"[^>]+content="([^"]*)"', source_html) or \
        re.search(r"<title[^>]*>(.*?)</title>", source_html, re.S)
    t = html.unescape(m.group(1)).strip() if m else fallback
    return re.sub(r"\s*[-|–]\s*(BBC News|The New York Times|The Washington Post|BuzzFeed News).*$", "", t)


def clean_body(markup):
    markup = re.sub(r"<(img|source|video|audio|iframe|meta|link)\b[^>]*>", "", markup, flags=re.I)
    markup = re.sub(r"</?(picture|video|audio|iframe)\b[^>]*>", "", markup, flags=re.I)
    markup = re.sub(r"\s(srcset|src|data-[a-z-]+|style)=\"[^\"]*\"", "", markup, flags=re.I)
    markup = re.sub(r'<a\b([^>]*)href="(?!https?:)[^"]*"', r'<a\1href="#"', markup, flags=re.I)
    return markup.strip()


def write_seed_into_demo(fragment_path):
    """The demo's HTML holds the seed article itself (text before any script runs): the same
    fragment the picker loads, indented into www/index.html's <article>."""
    page_path = os.path.join(ROOT, "www", "index.html")
    page = open(page_path, encoding="utf-8").read()
    open_tag, close_tag = '<article id="story" aria-live="off">', "\n    </article>"
    start = page.index(open_tag) + len(open_tag)
    end = page.index(close_tag, start)
    frag = open(fragment_path, encoding="utf-8").read().strip()
    body = "".join("\n      " + line for line in frag.split("\n"))
    with open(page_path, "w", encoding="utf-8") as f:
        f.write(page[:start] + body + page[end:])


def main():
    os.makedirs(OUT, exist_ok=True)
    index = []
    for aid in sorted(os.listdir(DEV)):
        d = os.path.join(DEV, aid)
        text = open(os.path.join(d, "article.txt"), encoding="utf-8").read()
        lines = [l.strip() for l in text.split("\n") if l.strip()]
        src_path = os.path.join(d, "source.html")
        if os.path.exists(os.path.join(d, "expected.html")):
            source_html = open(src_path, encoding="utf-8", errors="replace").read() if os.path.exists(src_path) else ""
            title = title_of(source_html, lines[0])
            body = clean_body(open(os.path.join(d, "expected.html"), encoding="utf-8").read())
        else:
            title, lines = lines[0], lines[1:]
            body = "\n".join(f"<p>{html.escape(l, quote=False)}</p>" for l in lines)
        source = SOURCES.get(aid, aid)
        frag = (f'<h1 class="headline">{html.escape(title, quote=False)}</h1>\n'
                f'<p class="byline">{html.escape(source, quote=False)}</p>\n'
                f'<div class="body">\n{body}\n</div>\n')
        with open(os.path.join(OUT, f"{aid}.html"), "w", encoding="utf-8") as f:
            f.write(frag)
        index.append({"id": aid, "title": title, "source": source})
    index.sort(key=lambda a: (a["id"] != "seed-iran-kerman", a["id"]))
    write_seed_into_demo(os.path.join(OUT, "seed-iran-kerman.html"))
    with open(os.path.join(OUT, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1, ensure_ascii=False)
    print(f"wrote {len(index)} articles to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
