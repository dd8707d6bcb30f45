#!/usr/bin/env python3
"""Writes a synthetic JSON Lines corpus with a known story structure, for the
scale benchmark of ingest and story clustering (issue 15).

    bench/make_scale_corpus.py OUT.jsonl --articles 10000 [--seed 1] [--data data]

Each record is {id, url, outlet, published, title, text, story, role}, about
2 KB of text. Articles are composed from templates (this file's own
sentences) and the knowledge base's entities (data/kb/companies.csv,
facilities.csv, outlets.csv), with varied figures, dates and named speakers:
- most articles (about 70 %) are unrelated: each reports its own event
  (a company, a plant, a country, an element, figures) and is padded with
  context sentences drawn at random from a large combinatorial pool, so no
  two unrelated articles are near-duplicates of each other;
- the rest belong to stories of 2 to 30 members (sizes drawn from a
  heavy-tailed law, most stories small): one origin, then within 1 to 12
  days echoes (the origin's event and figures restated with some of its
  sentences), syndicated copies (the origin's text under another outlet,
  one sentence changed) and independent pieces (the same event with their
  own sources and figures).
`story` is "s<N>" for a story's members and "u<N>" for an unrelated
article; `role` is origin, echo, copy, independent or unrelated. The dates
span max(365, N / 500) days from 2023-01-01, so the density of a large corpus
stays that of a busy news flow (about 500 articles a day). Deterministic:
the same arguments always give the same bytes. Python 3 standard library
only; the output is never committed.
"""

import argparse
import csv
import datetime
import json
import os
import random
import sys

ELEMENTS = ["neodymium", "praseodymium", "dysprosium", "terbium", "samarium", "lanthanum", "cerium", "yttrium",
            "gallium", "germanium", "antimony", "graphite", "lithium", "cobalt", "tungsten", "scandium"]
PRODUCTS = ["NdPr oxide", "mixed rare-earth carbonate", "separated oxides", "sintered magnets", "magnet alloy",
            "dysprosium oxide", "terbium metal", "concentrate", "metal powder", "rare-earth chloride"]
FIRST = ["Anna", "Wei", "Rahul", "Maria", "James", "Keiko", "Oluwaseun", "Pierre", "Sofia", "Liam", "Chen", "Fatima",
         "Diego", "Ingrid", "Tomasz", "Aisha", "Hiroshi", "Elena", "Kwame", "Nadia", "Lars", "Priya", "Mateo", "Yuki",
         "Grace", "Omar", "Hannah", "Ravi", "Lucia", "Sven", "Mei", "Jonas", "Amara", "Felix", "Zara", "Arjun"]
LAST = ["Schmidt", "Tanaka", "Okafor", "Dubois", "Kowalski", "Nguyen", "Fernandes", "Larsen", "Haddad", "Ivanova",
        "Mbeki", "O'Brien", "Rossi", "Sato", "Patel", "Lindqvist", "Moreau", "Novak", "Adeyemi", "Keller", "Zhang",
        "Ramirez", "Hughes", "Yamamoto", "Petrov", "Costa", "Bakker", "Sharma", "Weber", "Kim", "Jensen", "Alvarez"]
JOBS = ["an analyst at {firm}", "chief executive of {company}", "a spokesperson for {company}", "a trader in {city}",
        "a researcher at {uni}", "head of metals research at {firm}", "an official at the {country} trade ministry",
        "a consultant who advises magnet makers", "a fund manager in {city}", "a geologist with {company}"]
FIRMS = ["Benchmark Metals Research", "Harbour Street Capital", "Orion Commodities", "Bluegate Advisory", "Kestrel Analytics",
         "Northline Securities", "Tidewater Research", "Summit Ore Partners", "Granite Peak Consulting", "Lumen Markets"]
CITIES = ["Shanghai", "London", "Perth", "Toronto", "Tokyo", "Singapore", "Frankfurt", "Denver", "Seoul", "Mumbai",
          "Johannesburg", "Sao Paulo", "Vancouver", "Hong Kong", "Oslo", "Brussels"]
UNIS = ["the Colorado School of Mines", "Curtin University", "Tohoku University", "KU Leuven", "the University of Birmingham",
        "McGill University", "Tsinghua University", "the University of Queensland"]
COUNTRIES = ["China", "Australia", "United States", "Japan", "Malaysia", "Myanmar", "Vietnam", "Brazil", "India", "Canada",
             "South Korea", "Germany", "France", "Estonia", "Greenland", "South Africa", "Kazakhstan", "Chile", "Norway"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]

# The events an article reports: (kind, title templates, event sentences).
EVENTS = [
    ("output", ["{company} lifts {product} output to {q1} tonnes", "{company} reports {q1} tonnes of {product} in {period}",
                "Output at {facility} reaches {q1} tonnes"],
     ["{company} said {facility} produced {q1} tonnes of {product} in {period}, up {p1}% from a year earlier.",
      "The company expects output of {q2} tonnes for the full year, it said in a filing on {date}.",
      "Sales revenue rose to {money} million dollars as the average price of {element} climbed {p2}%.",
      "{company} said it had spent {money2} million dollars on the expansion of {facility} since {year0}."]),
    ("export", ["{country} tightens {element} export licences", "{country} adds {element} to its export control list",
                "New {country} rules put {element} exports under licence"],
     ["The {country} commerce ministry said exporters of {element} and {element2} must apply for licences from {date}.",
      "The rule covers {n1} products, including {product}, the ministry said in a notice.",
      "{country} shipped {q1} tonnes of {element} products last year, customs figures show.",
      "Buyers in {country2} account for about {p1}% of those shipments."]),
    ("price", ["{element} prices jump {p1}% in a week", "{element} price falls to {money} dollars a kilogram",
               "Traders see {element} prices rising after {country} quota"],
     ["Prices of {element} rose {p1}% in the week to {date}, to {money} dollars a kilogram, according to {firm}.",
      "The move followed a cut of {p2}% in the {country} production quota for {year}.",
      "Inventories held by traders in {city} fell to about {q1} tonnes, {firm} said.",
      "Magnet makers in {country2} have been buying ahead of the change, {firm} said."]),
    ("plant", ["{company} opens {product} plant in {location}", "{company} starts commissioning at {facility}",
               "First {product} from {facility} shipped"],
     ["{company} said the first {product} from {facility} in {location} was shipped to a customer on {date}.",
      "The plant has a design capacity of {q1} tonnes a year and cost {money} million dollars to build.",
      "It employs {n1} people and is expected to reach full capacity within {n2} months, the company said.",
      "The project received {money2} million dollars in grants from the {country} government in {year0}."]),
    ("deal", ["{company} signs {product} offtake with {company2}", "{company2} agrees to buy {product} from {company}",
              "{company} and {company2} sign {n2}-year supply deal"],
     ["{company} agreed to supply {q1} tonnes of {product} a year to {company2} for {n2} years, the companies said on {date}.",
      "The deal is priced with a floor of {money} dollars a kilogram of {element}, a person familiar with it said.",
      "{company2} will also lend {money2} million dollars for the expansion of {facility}.",
      "Deliveries are due to begin in {period}."]),
    ("investment", ["{country} fund invests {money} million dollars in {company}", "{company} raises {money} million dollars for {facility}",
                    "Investors back {company} with {money} million dollars"],
     ["{company} said it raised {money} million dollars from investors including a {country} state fund on {date}.",
      "The money will pay for the first stage of {facility}, which is to produce {q1} tonnes of {product} a year.",
      "Shares of {company} rose {p1}% after the announcement.",
      "The company had {money2} million dollars in cash at the end of {period}."]),
    ("quota", ["{country} sets {year} rare earth mining quota at {q1} tonnes", "{country} raises rare earth quota by {p1}%",
               "Rare earth quota for {year} announced by {country}"],
     ["{country} set its rare earth mining quota for {year} at {q1} tonnes, the industry ministry said on {date}.",
      "That is {p1}% more than the quota of {q2} tonnes set a year earlier.",
      "The smelting and separation quota was set at {q3} tonnes, the ministry said.",
      "Most of the quota was allocated to {company}, according to the notice."]),
    ("permit", ["{company} wins permit for {facility}", "Regulators approve {facility} expansion",
                "{company} gets environmental approval in {location}"],
     ["Regulators in {location} approved the expansion of {facility}, {company} said on {date}.",
      "The permit allows the site to process up to {q1} tonnes of ore a year, against {q2} tonnes today.",
      "The approval came after {n1} months of review and {n2} public hearings.",
      "{company} said construction would cost about {money} million dollars."]),
    ("stockpile", ["{country} to stockpile {element}", "{country} buys {q1} tonnes of {element} for its reserve",
                   "Strategic {element} reserve planned by {country}"],
     ["{country} plans to hold {q1} tonnes of {element} in a strategic reserve, the economy ministry said on {date}.",
      "The reserve would cover about {n1} days of the country's use of {element}.",
      "The ministry has set aside {money} million dollars for purchases over {n2} years.",
      "Its first tender, for {q2} tonnes, closes in {period}."]),
    ("recycling", ["{company} to recycle magnets at {facility}", "{company} recovers {q1} tonnes of {element} from scrap",
                   "Magnet recycling line opens in {location}"],
     ["{company} said its recycling line at {facility} recovered {q1} tonnes of {product} from scrap in {period}.",
      "The line takes {q2} tonnes of end-of-life magnets a year from hard drives and motors.",
      "Recycled material costs about {p1}% less to make than mined oxide, the company said on {date}.",
      "It plans a second line worth {money} million dollars by {year1}."]),
]

CONTEXT = [
    "{country} accounts for about {p1}% of the world's mined {element}, according to {firm}.",
    "Demand for {element} from makers of electric vehicle motors is expected to grow {p2}% a year to {year1}.",
    "\"{quote}\", said {speaker}, {job}.",
    "{speaker}, {job}, said the market had \"{quote2}\".",
    "Buyers in {country2} imported {q3} tonnes of {product} in {period}, customs data show.",
    "The price of {element} has moved between {money3} and {money} dollars a kilogram over the past {n2} months.",
    "{company2} runs a separation plant in {location2} with a capacity of {q3} tonnes a year.",
    "Separation outside {country} remains small, with {n1} plants running at scale.",
    "Analysts at {firm} put the shortfall of {element} at {q2} tonnes by {year1}.",
    "Shipping from {city} to {city2} takes about {n2} weeks, traders said.",
    "The {country2} government has promised {money2} million dollars to build a supply chain for {product}.",
    "Wind turbine makers use about {q2} tonnes of {product} a year, {firm} estimates.",
    "Work at {location2} stopped for {n1} days in {month} after flooding, {company2} said.",
    "A magnet of {n2} kilograms holds roughly {p2}% {element} by weight.",
    "Trading volumes on the {city} exchange rose {p1}% in {month}.",
    "{company2} shares have {moved} {p2}% this year.",
    "{speaker}, {job}, expects {company2} to report {q2} tonnes of {product} in {period}.",
    "Power costs in {location2} rose {p1}% in {month}, adding to the cost of processing, {firm} said.",
    "The {country2} parliament is due to vote in {month} on a law on critical minerals worth {money2} million dollars.",
    "Freight rates from {city} have {moved} {p2}% since {month}, according to {firm}.",
    "{company2} said in {month} that it had cut its workforce in {location2} by {n1} people.",
    "At least {n1} exploration projects in {country2} target {element}, {firm} counts.",
    "Consumption of {element} in {country2} reached {q3} tonnes in {year0}, up from {q2} tonnes five years before.",
    "\"{quote}\", {speaker}, {job}, told reporters in {city}.",
    "The {country2} central bank said in {month} that metal imports had {moved} {p1}% in value.",
    "A tonne of {product} sold for {money3} thousand dollars in {city} in {month}, {firm} said.",
]
QUOTES = ["We are seeing buyers plan {n2} months ahead", "The market is tighter than it was in {year0}",
          "Nobody wants to be left without {element}", "Costs outside {country} remain about {p1}% higher",
          "This changes the economics for {company2}", "It will take {n2} years to build an alternative",
          "Prices at these levels do not pay for new mines", "Customers in {country2} are asking for long contracts"]
QUOTES2 = ["run ahead of itself", "found a floor", "turned quiet since {month}", "priced in a shortage",
           "been waiting for clarity from {country}", "moved faster than anyone expected"]


def load_kb(data):
    with open(os.path.join(data, "kb", "companies.csv"), encoding="utf-8") as f:
        companies = [r["name"] for r in csv.DictReader(f) if r["name"]]
    with open(os.path.join(data, "kb", "facilities.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    facilities = [(r["name"], r["location"].split(",")[0] or r["country"]) for r in rows if r["name"]]
    outlets = []
    path = os.path.join(data, "kb", "outlets.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                name = r.get("name") or r.get("outlet") or ""
                if name:
                    outlets.append(name)
    outlets += [f"{a} {b}" for a in ["Metals", "Mining", "Resource", "Industry", "Energy", "Commodity", "Market", "Trade"]
                for b in ["Wire", "Ledger", "Daily", "Review", "Monitor", "Journal", "Insight", "Brief"]]
    return companies, facilities, outlets


class Gen:
    def __init__(self, rnd, kb, start, span):
        self.r = rnd
        self.companies, self.facilities, self.outlets = kb
        self.start = start
        self.span = span

    def slots(self, day):
        r = self.r
        fac, loc = r.choice(self.facilities)
        fac2, loc2 = r.choice(self.facilities)
        c, c2 = r.sample(COUNTRIES, 2)
        e, e2 = r.sample(ELEMENTS, 2)
        date = self.start + datetime.timedelta(days=day)
        q = lambda: f"{r.randint(1, 90) * 10 ** r.randint(1, 3) + r.randint(0, 99):,}"
        s = {
            "company": r.choice(self.companies), "company2": r.choice(self.companies), "facility": fac, "location": loc,
            "location2": loc2, "country": c, "country2": c2, "element": e, "element2": e2, "product": r.choice(PRODUCTS),
            "q1": q(), "q2": q(), "q3": q(), "p1": str(r.randint(2, 95)), "p2": f"{r.randint(1, 40)}.{r.randint(0, 9)}",
            "money": f"{r.randint(5, 900)}", "money2": f"{r.randint(5, 900)}", "money3": f"{r.randint(5, 400)}",
            "n1": str(r.randint(3, 60)), "n2": str(r.randint(2, 18)), "firm": r.choice(FIRMS), "city": r.choice(CITIES),
            "city2": r.choice(CITIES), "year": str(date.year + 1), "year0": str(date.year - r.randint(1, 6)),
            "year1": str(date.year + r.randint(2, 9)), "month": r.choice(MONTHS),
            "period": r.choice(["the first quarter", "the second quarter", "the third quarter", "the fourth quarter",
                                "the first half", "the second half"]) + f" of {date.year}",
            "date": f"{date.day} {MONTHS[date.month - 1]}", "moved": r.choice(["risen", "fallen", "gained", "lost"]),
            "uni": r.choice(UNIS),
        }
        return s

    def speaker(self, s):
        r = self.r
        name = f"{r.choice(FIRST)} {r.choice(LAST)}"
        job = r.choice(JOBS).format(firm=s["firm"], company=s["company2"], city=s["city"], uni=s["uni"], country=s["country"])
        return name, job

    def context(self, s, n):
        r = self.r
        out = []
        for t in r.sample(CONTEXT, n):
            sp, job = self.speaker(s)
            # Each context sentence draws its own figures: the pool is combinatorial.
            local = dict(s)
            fresh = self.slots(r.randrange(self.span))
            for k in ("q2", "q3", "p1", "p2", "money", "money2", "money3", "n1", "n2", "city", "city2", "month",
                      "company2", "location2", "country2", "firm"):
                local[k] = fresh[k]
            local["speaker"], local["job"] = sp, job
            local["quote"] = r.choice(QUOTES).format(**local)
            local["quote2"] = r.choice(QUOTES2).format(**local)
            out.append(t.format(**local))
        return out

    def event_text(self, kind, s):
        _, titles, sentences = EVENTS[kind]
        return self.r.choice(titles).format(**s), [x.format(**s) for x in sentences]

    def article(self, kind, s, extra=17):
        title, lead = self.event_text(kind, s)
        body = lead + self.context(s, extra)
        # The event's sentences first, the context after, in paragraphs of three.
        paras = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
        return title, "\n\n".join(paras)


def story_size(r):
    # Heavy-tailed, 2 to 30: most stories have 2 to 5 members.
    return min(30, 2 + int(r.paretovariate(1.3)) - 1 + (1 if r.random() < 0.5 else 0))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data"))
    ap.add_argument("--story-share", type=float, default=0.3, help="share of articles that belong to stories")
    a = ap.parse_args()
    r = random.Random(a.seed)
    kb = load_kb(a.data)
    span = max(365, a.articles // 500)
    g = Gen(r, kb, datetime.date(2023, 1, 1), span)
    records = []  # (day, record)
    n_story = 0
    n_unrelated = 0
    target_story = int(a.articles * a.story_share)
    in_stories = 0
    while in_stories < target_story:
        size = min(story_size(r), target_story - in_stories)
        if size < 2:
            break
        n_story += 1
        day0 = r.randrange(span)
        kind = r.randrange(len(EVENTS))
        s = g.slots(day0)
        title, text = g.article(kind, s)
        origin_outlet = r.choice(g.outlets)
        records.append((day0, {"title": title, "text": text, "outlet": origin_outlet, "story": f"s{n_story}",
                               "role": "origin"}))
        for _ in range(size - 1):
            day = day0 + r.randint(0, 12)
            role = r.choices(["echo", "copy", "independent"], [0.55, 0.2, 0.25])[0]
            outlet = r.choice(g.outlets)
            if role == "copy":
                paras = text.split("\n\n")
                i = r.randrange(1, len(paras))
                paras[i] = " ".join(g.context(s, 3))
                t2, x2 = title, "\n\n".join(paras)
            elif role == "echo":
                # The origin's event restated, credited, with new context.
                t2, lead = g.event_text(kind, s)
                x2 = f"{lead[0]} The report was first published by {origin_outlet}.\n\n" + \
                     " ".join(lead[1:3]) + "\n\n" + "\n\n".join(" ".join(g.context(s, 4)) for _ in range(3))
            else:
                own = dict(s)
                fresh = g.slots(day)
                for k in ("q3", "money2", "n1", "firm", "city"):
                    own[k] = fresh[k]
                t2, x2 = g.article(kind, own, extra=15)
            records.append((day, {"title": t2, "text": x2, "outlet": outlet, "story": f"s{n_story}", "role": role}))
        in_stories += size
    while len(records) < a.articles:
        n_unrelated += 1
        day = r.randrange(span)
        title, text = g.article(r.randrange(len(EVENTS)), g.slots(day))
        records.append((day, {"title": title, "text": text, "outlet": r.choice(g.outlets), "story": f"u{n_unrelated}",
                              "role": "unrelated"}))
    r.shuffle(records)
    records.sort(key=lambda x: x[0])
    out = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    for i, (day, rec) in enumerate(records):
        date = g.start + datetime.timedelta(days=day)
        rid = f"sc{a.seed}-{i:07d}"
        full = {"id": rid, "url": f"https://example.org/{rid}", "outlet": rec["outlet"], "published": date.isoformat(),
                "title": rec["title"], "text": rec["text"], "story": rec["story"], "role": rec["role"]}
        out.write(json.dumps(full, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    print(f"{len(records)} articles, {n_story} stories ({in_stories} members), {n_unrelated} unrelated, "
          f"{span} days", file=sys.stderr)


if __name__ == "__main__":
    main()
