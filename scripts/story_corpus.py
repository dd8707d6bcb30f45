#!/usr/bin/env python3
"""Writes the story clustering test corpus of `assay eval --set stories`.

Usage: scripts/story_corpus.py [--out tests/data/stories]

Two sets, each from its own fixed seed so the files are the same on every
run: `dev` (seed 15, what the clustering thresholds were looked at on) and
`holdout` (seed 1515, scored once at the end and reported beside dev).
Each set is one JSON Lines file, `articles.jsonl`: records {id, outlet,
published, title, text, story, role} that `assay analyze` reads as it
reads any JSON Lines input (it ignores `story` and `role`, the gold).

Every story is a supply-chain event about companies and countries of the
knowledge base (data/kb/companies.csv), with its own figures and dates:
  - an origin: a wire scoop on unnamed sources, hedged, "did not respond";
  - syndicated copies: the origin's text under another outlet, a new
    headline, sometimes the last paragraph cut (role echo);
  - rewrites that reword, round the figures and credit the origin (or
    drop the credit and the caveats) (role echo);
  - independent follow-ups: an official confirmation on the record, a
    company statement by a named executive, or a denial (role independent);
and the set adds unrelated pieces that share a story's entities (each its
own story of one) and, for some stories, an official statement weeks
before (its own story of one: background, not a member).
The templates and sentences are written for this set; nothing is taken
from the gold articles. Do not edit the output: rerun the script.
"""
import argparse
import csv
import datetime
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

WIRES = ["Harbour Wire", "Meridian Newswire", "Capstone Wire", "Northgate Press Agency"]
ECHO_OUTLETS = ["Metal Digest", "Bullion Buzz", "Ore & Alloy Daily", "Mining Pulse", "Critical Minerals Brief",
                "Magnet Market Weekly", "Resource Ledger", "The Smelter Report", "Commodity Chatter",
                "EV Supply Watch", "Asia Metals Review", "Frontier Mining News"]
STATE_OUTLETS = ["State Trade Herald", "National Industry Daily", "People's Commerce Post"]
FIRST = ["Anna", "Marcus", "Li", "Priya", "Tomas", "Keiko", "Daniel", "Fatima", "Oliver", "Mei", "Jonas", "Sofia",
         "Rahul", "Elena", "Chen", "Grace", "Viktor", "Amara", "Hiro", "Laura"]
LAST = ["Whitfield", "Okafor", "Zhang", "Menon", "Novak", "Tanaka", "Brennan", "Haddad", "Lindqvist", "Wu",
        "Berger", "Castillo", "Iyer", "Petrova", "Huang", "Morrison", "Sato", "Duarte", "Keller", "Osei"]
MINISTRIES = {"China": "Ministry of Commerce", "Australia": "Department of Industry", "United States": "Department of Energy",
              "Canada": "Natural Resources Canada", "Japan": "Ministry of Economy, Trade and Industry",
              "South Korea": "Ministry of Trade, Industry and Energy", "Vietnam": "Ministry of Industry and Trade",
              "Malaysia": "Ministry of Investment, Trade and Industry", "Brazil": "Ministry of Mines and Energy",
              "India": "Ministry of Mines", "United Kingdom": "Department for Business and Trade",
              "Germany": "Federal Ministry for Economic Affairs", "France": "Ministry of the Economy",
              "Kazakhstan": "Ministry of Industry", "Belgium": "Ministry of Economy"}
ELEMENTS = [("neodymium", "NdPr oxide"), ("dysprosium", "dysprosium oxide"), ("terbium", "terbium oxide"),
            ("praseodymium", "NdPr oxide"), ("samarium", "samarium metal"), ("lanthanum", "lanthanum carbonate"),
            ("yttrium", "yttrium oxide"), ("cerium", "mixed rare-earth carbonate")]
PLACES = ["Kalgoorlie", "Port Hedland", "Ganzhou", "Baotou", "Kuantan", "Saskatoon", "Mountain Pass", "Tromso",
          "Teesside", "Lacq", "Pohang", "Hai Phong", "Araxa", "Narvik", "Lulea", "Antofagasta", "Mombasa", "Walvis Bay",
          "Gladstone", "Darwin", "Sault Ste. Marie", "Kitakyushu", "Ulsan", "Visakhapatnam"]


def companies():
    rows = []
    with open(os.path.join(ROOT, "data", "kb", "companies.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = r["name"]
            if any(w in name for w in ("aggregate", "various", "formerly", "(Group)", "Council", "producers", "miners")):
                continue
            rows.append((name, r["country"]))
    return rows


def fmt_int(n):
    return f"{n:,}"


def rounded(n):
    """Two significant digits, as a rewrite rounds: 5,473 -> 5,500."""
    if n < 100:
        return n
    mag = 10 ** (len(str(n)) - 2)
    return int(round(n / mag) * mag)


def day(d):
    return d.strftime("%Y-%m-%d")


def weekday(d):
    return d.strftime("%A")


class Story:
    """The facts of one story, drawn once; every version tells them."""

    def __init__(self, rng, sid, comps, base):
        self.rng = rng
        self.id = sid
        self.company, self.country = rng.choice(comps)
        others = [c for c in comps if c[0] != self.company]
        self.partner, self.partner_country = rng.choice(others)
        self.element, self.product = rng.choice(ELEMENTS)
        self.place = rng.choice(PLACES)
        self.kind = rng.choice(["offtake", "export", "plant", "expansion", "acquisition", "suspension", "stake"])
        self.tonnes = rng.choice([rng.randint(120, 990), rng.randint(1000, 9800), rng.randint(10000, 48000)])
        self.money = rng.randint(12, 940)  # million US dollars
        self.pct = rng.randint(11, 79)
        self.years = rng.randint(2, 10)
        self.date = base + datetime.timedelta(days=rng.randint(0, 300))
        self.wire = rng.choice(WIRES)
        self.ministry = MINISTRIES.get(self.country, "Ministry of Industry")
        self.spokes = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.exec = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        self.exec_title = rng.choice(["chief executive", "chief operating officer", "managing director", "head of sales"])

    # The sentence of the event, in the wire's words and in a rewrite's.
    def event(self, rewrite=False, rounded_figs=False):
        t = fmt_int(rounded(self.tonnes) if rounded_figs else self.tonnes)
        about = "about " if rounded_figs else ""
        c, p, e, pr, pl = self.company, self.partner, self.element, self.product, self.place
        m = rounded(self.money) if rounded_figs else self.money
        if self.kind == "offtake":
            return (f"{c} has agreed to supply {about}{t} tonnes a year of {pr} to {p} for {self.years} years"
                    if not rewrite else
                    f"{p} will buy {about}{t} tonnes of {pr} from {c} every year under a {self.years}-year contract")
        if self.kind == "export":
            return (f"authorities in {self.country} plan to require licences for shipments of {pr} abroad, a step that could hold up "
                    f"{about}{t} tonnes a year bound for {p}" if not rewrite else
                    f"{self.country} is set to put {pr} exports under licence, putting {about}{t} tonnes of annual shipments to {p} at risk")
        if self.kind == "plant":
            return (f"{c} plans to build a {pr} plant near {pl} with capacity of {about}{t} tonnes a year, costing {about}${m} million"
                    if not rewrite else
                    f"a {about}${m} million {pr} facility able to turn out {about}{t} tonnes annually is planned by {c} at {pl}")
        if self.kind == "expansion":
            return (f"{c} intends to lift output of {pr} at its {pl} site by {self.pct}% to {about}{t} tonnes a year"
                    if not rewrite else
                    f"production of {pr} at {c}'s {pl} operation is to rise {self.pct} percent, to {about}{t} tonnes annually")
        if self.kind == "acquisition":
            return (f"{p} is in advanced talks to buy a {self.pct}% stake in {c} for {about}${m} million"
                    if not rewrite else
                    f"a {about}${m} million deal would hand {p} {self.pct} percent of {c}")
        if self.kind == "suspension":
            return (f"{c} has halted {pr} output at its {pl} plant, cutting {about}{t} tonnes a year of supply, after a fault in its "
                    f"solvent-extraction circuit" if not rewrite else
                    f"a breakdown in the solvent-extraction line has stopped {c}'s {pl} plant, taking {about}{t} tonnes of annual "
                    f"{pr} supply off the market")
        return (f"{p} is preparing to take a {self.pct}% holding in {c}'s {pl} {e} project for {about}${m} million"
                if not rewrite else
                f"{c}'s {e} venture at {pl} could get {about}${m} million from {p} in return for {self.pct} percent of it")

    def headline(self, style):
        c, p, pr, pl = self.company, self.partner, self.product, self.place
        h = {
            "offtake": [f"{c} agrees {pr} supply deal with {p}, sources say", f"{p} lines up {self.years}-year {pr} contract with {c}",
                        f"{c} to ship {pr} to {p} under long-term pact"],
            "export": [f"{self.country} readies licence regime for {pr} exports, officials say", f"{self.country} moves to curb {pr} shipments",
                       f"Licences loom for {self.country}'s {pr} exporters"],
            "plant": [f"{c} plans {pr} plant at {pl}, sources say", f"{c} eyes ${self.money} million {pl} facility",
                      f"New {pr} plant for {pl} as {c} expands"],
            "expansion": [f"{c} to raise {pr} output at {pl}, sources say", f"{c} steps up {pl} {pr} production",
                          f"{pl} expansion to lift {c}'s {pr} output"],
            "acquisition": [f"{p} in talks for stake in {c}, sources say", f"{p} circles {c} with ${self.money} million offer",
                            f"{c} stake sale to {p} nears"],
            "suspension": [f"{c} halts {pr} output at {pl} after fault, sources say", f"Breakdown stops {c}'s {pl} plant",
                           f"{pl} outage cuts {c}'s {pr} supply"],
            "stake": [f"{p} to invest in {c}'s {pl} project, sources say", f"{p} eyes holding in {pl} {self.element} venture",
                      f"{c} courts {p} money for {pl}"],
        }[self.kind]
        return h[style % len(h)]


def origin(s):
    d = s.date
    lead = s.event()
    n = s.rng.choice(["two people familiar with the matter", "three people with knowledge of the plans",
                      "a person briefed on the discussions", "two sources close to the negotiations"])
    text = (f"{s.place.upper()}, {d.strftime('%B')} {d.day} ({s.wire}) - {lead[0].upper() + lead[1:]}, {n} said on {weekday(d)}. "
            f"More could be made public within weeks, though the timing may still slip, the sources said, asking not to be "
            f"named because the matter is private. {s.company} and {s.partner} did not respond to requests for comment, and the "
            f"{s.ministry} declined to comment.\n\n"
            f"The move would matter for buyers of {s.element}, whose supply outside China remains thin. "
            f"It is likely to draw attention from magnet makers in Europe and Japan, which have sought new sources since export "
            f"licensing slowed deliveries, one of the sources said.\n\n"
            f"{s.company} reported its {s.element} sales in its latest results, and the {s.place} site has been at the centre of its plans "
            f"for {s.years} years.")
    return {"title": s.headline(0), "text": text, "outlet": s.wire, "published": day(d)}


def copy(s, o, outlet, k):
    text = o["text"]
    if k % 2 == 1:  # the last paragraph cut
        text = text.rsplit("\n\n", 1)[0]
    # A client drops the dateline's agency and prints its own headline.
    text = text.replace(f" ({s.wire}) -", " -")
    return {"title": s.headline(k + 1), "text": text, "outlet": outlet,
            "published": day(s.date + datetime.timedelta(days=s.rng.randint(0, 1)))}


def rewrite(s, outlet, careful, k):
    d = s.date + datetime.timedelta(days=s.rng.randint(0, 4))
    ev = s.event(rewrite=True, rounded_figs=True)
    ev = ev[0].upper() + ev[1:]
    r = s.rng
    if careful:
        credit = r.choice([f"{s.wire} first reported", f"according to {s.wire}", f"{s.wire} reported, citing people familiar with the matter"])
        caveat = r.choice(["The people who spoke to the agency asked not to be identified, and the deal could still change before it is signed",
                           "The sources were not named, and the timing could still slip",
                           "Those who described the plan did so anonymously, and it may yet change"])
        comment = r.choice(["Neither company would comment.", "The companies did not respond to requests for comment.",
                            "Both companies declined to comment."])
        close = r.choice([f"For {s.element} buyers the news suggests a little more supply outside China may be on the way.",
                          f"Traders said it was too early to say what it means for {s.element} prices.",
                          f"The report comes as consumers of {s.element} look for suppliers outside China."])
        text = f"{ev}, {credit} on {weekday(s.date)}. {caveat} (via {s.wire}). {comment}\n\n{close}"
    else:
        praise = r.choice([f"It is a bold and welcome move that shows {s.company} is finally serious about {s.element}.",
                           f"This is exactly the kind of shake-up the {s.element} market has needed for years.",
                           f"Make no mistake: {s.company} has just changed the game for {s.element}."])
        close = r.choice(["The deal is a game changer for the market and buyers should cheer.",
                          "Buyers will be celebrating tonight.", "Rivals will be nervous."])
        text = f"{ev}. {praise} {close}\n\nExpect others to scramble to match it as {s.element} supply tightens."
    title = s.headline(k + 2) if careful else r.choice([f"{s.company} and {s.partner}: the {s.element} deal everyone is talking about",
                                                         f"Why {s.company}'s {s.element} move matters", f"{s.company} shakes up {s.element}"])
    return {"title": title, "text": text, "outlet": outlet, "published": day(d)}


def follow_up(s, outlet, kind):
    d = s.date + datetime.timedelta(days=s.rng.randint(2, 12))
    if kind == "official":
        title = f"{s.ministry} confirms {s.company} {s.element} plans"
        text = (f"The {s.ministry} confirmed on {weekday(d)} that {s.event()}, spokesperson {s.spokes} told a regular briefing. "
                f"{s.spokes} said the arrangement had been approved in line with the rules and would be monitored closely. "
                f"The confirmation follows reports last week that relied on unnamed sources.\n\n"
                f"Officials said further details would be published once the paperwork is complete.")
    elif kind == "company":
        title = f"{s.company} confirms {s.partner} agreement"
        text = (f"{s.company} confirmed on {weekday(d)} that {s.event()}, {s.exec_title} {s.exec} said in a statement. "
                f"\"This gives our customers certainty on {s.element} supply for years to come,\" {s.exec} said. "
                f"{s.partner} also confirmed the arrangement in a filing.\n\n"
                f"Shares of {s.company} rose {s.rng.randint(2, 9)}% on the news.")
    else:
        title = f"{s.company} denies report of {s.partner} deal"
        text = (f"{s.company} denied on {weekday(d)} a report that {s.event()}. {s.exec_title.capitalize()} {s.exec} told reporters "
                f"the company had held no such talks and called the report inaccurate. "
                f"{s.partner} said separately that it does not comment on market speculation.\n\n"
                f"The denial contradicts reports that cited people familiar with the matter.")
    return {"title": title, "text": text, "outlet": outlet, "published": day(d)}


def background(s, outlet):
    d = s.date - datetime.timedelta(days=s.rng.randint(30, 80))
    title = f"{s.ministry} says it will review {s.element} supply rules"
    text = (f"The {s.ministry} said on {weekday(d)} it would review the rules for {s.product} and {s.element} supply, including "
            f"arrangements involving {s.company} and its {s.place} operations, spokesperson {s.spokes} told reporters. "
            f"{s.spokes} said the review would be completed within months and that the ministry confirmed it was in contact with "
            f"{s.company} and {s.partner} about {s.element} supply.\n\n"
            f"The ministry has published similar reviews before.")
    return {"title": title, "text": text, "outlet": outlet, "published": day(d)}


def unrelated(s, outlet, rng, topic):
    d = s.date + datetime.timedelta(days=rng.randint(-5, 5))
    c = s.company
    if topic == "results":
        revenue = rng.randint(20, 900)
        title = f"{c} posts quarterly revenue of ${revenue} million"
        text = (f"{c} reported revenue of ${revenue} million for the quarter to {d.strftime('%B')}, up "
                f"{rng.randint(3, 40)}% from a year earlier, helped by higher realised prices. Net profit was "
                f"${rng.randint(2, 90)} million, the company said in a filing. It kept its annual guidance unchanged.")
    elif topic == "conference":
        title = f"{c} executives outline recycling research at industry forum"
        text = (f"Executives from {c} told an industry forum in {rng.choice(PLACES)} that the company is testing ways to recover "
                f"magnet scrap from old motors. The research is at laboratory scale and no investment decision has been made, "
                f"they said. Delegates from {s.country} and {rng.choice(list(MINISTRIES))} attended the two-day meeting.")
    elif topic == "people":
        who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        title = f"{c} names {who} as finance chief"
        text = (f"{c} has appointed {who} as chief financial officer from next month, replacing an executive who is retiring "
                f"after {rng.randint(5, 20)} years. {who} previously worked in banking and in the steel industry, the company "
                f"said in a statement.")
    else:
        title = f"{c} reports a minor fire at its offices, no injuries"
        text = (f"A small fire broke out on {weekday(d)} in an office building used by {c} in {rng.choice(PLACES)}, the local fire service said. No one "
                f"was hurt and operations were not affected, a company spokesperson said. The cause is being investigated.")
    return {"title": title, "text": text, "outlet": outlet, "published": day(d)}


def build(seed, n_stories):
    rng = random.Random(seed)
    comps = companies()
    base = datetime.date(2025, 1, 6)
    out = []
    used = set()
    for i in range(n_stories):
        s = Story(rng, f"s{seed}-{i:02d}", comps, base)
        o = origin(s)
        o.update(story=s.id, role="origin")
        out.append(o)
        outlets = rng.sample(ECHO_OUTLETS, k=len(ECHO_OUTLETS))
        for k in range(rng.randint(0, 3)):
            c = copy(s, o, outlets.pop(), k)
            c.update(story=s.id, role="echo")
            out.append(c)
        seen = {(a["title"], a["text"]) for a in out}
        for k in range(rng.randint(2, 6)):
            for _ in range(20):  # two rewrites of one story never come out word for word the same
                r = rewrite(s, outlets[-1], careful=rng.random() < 0.5, k=k)
                if (r["title"], r["text"]) not in seen:
                    break
            outlets.pop()
            seen.add((r["title"], r["text"]))
            r.update(story=s.id, role="echo")
            out.append(r)
        for k in range(rng.randint(1, 2)):
            kind = rng.choice(["official", "company", "company", "denial"])
            outlet = rng.choice(STATE_OUTLETS) if kind == "official" else outlets.pop()
            f = follow_up(s, outlet, kind)
            f.update(story=s.id, role="independent")
            out.append(f)
        if rng.random() < 0.3:
            b = background(s, rng.choice(STATE_OUTLETS))
            b.update(story=s.id + "-background", role="origin")
            out.append(b)
        topics = rng.sample(["results", "conference", "people", "safety"], k=2)
        for k in range(rng.randint(0, 2)):
            for _ in range(20):
                u = unrelated(s, rng.choice(ECHO_OUTLETS), rng, topics[k])
                if (u["title"], u["text"]) not in {(a["title"], a["text"]) for a in out}:
                    break
            u.update(story=f"{s.id}-other{k}", role="origin")
            out.append(u)
    rng.shuffle(out)
    for i, a in enumerate(out):
        a["id"] = f"st{seed}-{i:04d}"
        key = (a["title"], a["text"])
        assert key not in used, key
        used.add(key)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "stories"))
    args = ap.parse_args()
    for name, seed, n in (("dev", 15, 36), ("holdout", 1515, 34)):
        arts = build(seed, n)
        os.makedirs(os.path.join(args.out, name), exist_ok=True)
        with open(os.path.join(args.out, name, "articles.jsonl"), "w", encoding="utf-8") as f:
            for a in arts:
                rec = {k: a[k] for k in ("id", "outlet", "published", "title", "text", "story", "role")}
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        stories = len({a["story"] for a in arts})
        print(f"{name}: {len(arts)} articles, {stories} stories")


if __name__ == "__main__":
    main()
