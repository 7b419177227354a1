#!/usr/bin/env python3
"""Writes a synthetic knowledge base of N entries (default 1,000,000) as JSON Lines, for the
`gloss kb build` benchmark (bench/kb_million.sh). Deterministic (seeded). Names are drawn from
syllables so that they spread over shards like real names; every entry has one or two aliases,
a description, a URL and an update date; a few fixed names (those of bench/kb_article.html) are
added so the browser benchmark can open their cards."""
import json, random, sys

n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
out = sys.argv[1]
rnd = random.Random(20261126)
syl = ['ka', 'ri', 'mo', 'ne', 'ta', 'lu', 'sa', 'vo', 'di', 'ben', 'mar', 'tel', 'son', 'ga', 'ro', 'li', 'an', 'es', 'or', 'ul']
types = ['person'] * 5 + ['organization'] * 3 + ['place'] * 2

def word():
    return ''.join(rnd.choice(syl) for _ in range(rnd.randint(2, 3))).capitalize()

FIXED = ['Alex Vatanka', 'Tom Hubbard', 'Maria Lopez', 'John Carver', 'Nadia Karimi', 'Omar Haddad',
         'Lena Fischer', 'Pablo Ortiz', 'Sara Nolan', 'Ivan Petrov']
with open(out, 'w', encoding='utf-8') as f:
    for k in range(n):
        ty = rnd.choice(types)
        if k < len(FIXED):
            name, ty = FIXED[k], 'person'
        elif ty == 'person':
            name = f'{word()} {word()}'
        elif ty == 'organization':
            name = f'{word()} {rnd.choice(["Group", "Institute", "Bank", "Party", "Foundation"])}'
        else:
            name = f'{word()} {rnd.choice(["Valley", "Springs", "Harbour", "Heights"])}'
        aliases = [name.split()[-1]] if ty == 'person' else [name.split()[0]]
        if rnd.random() < 0.3:
            aliases.append(f'{name} ({k})')
        e = {'id': f'syn:{k}', 'type': ty, 'names': [name] + aliases,
             'description': f'Synthetic {ty} number {k}, described in about eighty characters of text.',
             'url': f'https://kb.example/topics/{k}', 'updated': '2026-11-26'}
        f.write(json.dumps(e, separators=(',', ':')) + '\n')
