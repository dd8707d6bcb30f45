#!/usr/bin/env python3
"""Writes the story clustering test corpus of `assay eval --set stories`.

Usage: scripts/story_corpus.py [--out tests/data/stories]

Three sets, each from its own fixed seed so the files are the same on every
run: `dev` (seed 15, what the clustering rules were looked at on),
`holdout` (seed 1515, scored beside dev) and `unseen` (seed 2026, written
and scored once, at the end of the work that set the rules: a first look).
`--sets` picks which to write.
Each set is one JSON Lines file, `articles.jsonl`: records {id, outlet,
published, title, text, story, role} that `assay analyze` reads as it
reads any JSON Lines input (it ignores `story` and `role`, the gold).

Every story is a supply-chain event about companies and countries of the
knowledge base (data/kb/companies.csv), with its own figures and dates:
  - an origin: a wire scoop on unnamed sources, hedged, "did not respond",
    its lead in one of two wordings and its other paragraphs drawn from
    several, sometimes an "EXCLUSIVE-" headline;
  - syndicated copies: the origin's text under another outlet, a new
    headline (sometimes "UPDATE 1-"), the dateline's agency dropped or
    kept, a byline or a credit line added, sometimes the last paragraph
    cut (role echo);
  - rewrites that reword the lead (three wordings per kind of event), give
    the figures as news round them ("about 5,500", "nearly 5,500", "more
    than 5,000", "some 5,500", or exact), with headlines of other styles (a
    question, "X: what the news means"), and credit the origin with its
    caveats (or drop the credit and the caveats) (role echo);
  - independent follow-ups that tell the event in their own wording with
    the exact figures: an official confirmation on the record, a company
    statement by a named executive (its quote varies), or a denial (role
    independent);
and the set adds unrelated pieces that share a story's entities (results,
a conference, an appointment, an office fire, a share-price move: each its
own story of one; a company gets each kind once), stories of a company
already in the news days apart about another deal (three in ten stories),
and, for some stories, an official statement weeks before (its own story
of one: background, not a member).
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


KINDS = ["offtake", "export", "plant", "expansion", "acquisition", "suspension", "stake"]


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


def shown(n, style, money=False):
    """A figure as a version gives it: exact, or rounded the ways news round
    it ("about 5,500", "nearly 5,500", "more than 5,000", "some 5,500")."""
    if style == "exact":
        return fmt_int(n)
    r = rounded(n)
    if style == "about":
        return f"about {fmt_int(r)}"
    if style == "nearly":
        up = r if r >= n else r + 10 ** max(0, len(str(n)) - 2)
        return f"nearly {fmt_int(up)}" if up > n else f"about {fmt_int(r)}"
    if style == "more than" and n >= 100:
        mag = 10 ** (len(str(n)) - 1)
        low = (n // mag) * mag
        return f"more than {fmt_int(low)}" if low < n else f"some {fmt_int(r)}"
    return f"some {fmt_int(r)}"


ROUNDING = ["about", "about", "nearly", "more than", "some", "exact"]


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
        self.kind = rng.choice(KINDS)
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

    # The sentence of the event: `variant` 0-1 are a wire's words (exact
    # figures), 2-4 a rewrite's (reworded; `rounding` says how it gives the
    # figures, see shown()).
    def event(self, variant=0, rounding="exact"):
        t = shown(self.tonnes, rounding)
        m = shown(self.money, rounding).replace("about ", "about $").replace("nearly ", "nearly $").replace(
            "more than ", "more than $").replace("some ", "some $")
        if not m.startswith(("about", "nearly", "more", "some")):
            m = "$" + m
        c, p, e, pr, pl, y, pct = self.company, self.partner, self.element, self.product, self.place, self.years, self.pct
        k = self.kind
        forms = {
            "offtake": [f"{c} has agreed to supply {t} tonnes a year of {pr} to {p} for {y} years",
                        f"{c} is set to sign a {y}-year deal to sell {t} tonnes of {pr} a year to {p}",
                        f"{p} will buy {t} tonnes of {pr} from {c} every year under a {y}-year contract",
                        f"{c} has lined up {p} as a buyer for {t} tonnes of {pr} annually, in a pact running {y} years",
                        f"a {y}-year offtake would see {t} tonnes of {c}'s {pr} go to {p} each year"],
            "export": [f"authorities in {self.country} plan to require licences for shipments of {pr} abroad, a step that could hold up "
                       f"{t} tonnes a year bound for {p}",
                       f"{self.country} is drawing up export licensing for {pr}, which would cover {t} tonnes a year shipped to {p}",
                       f"{self.country} is set to put {pr} exports under licence, putting {t} tonnes of annual shipments to {p} at risk",
                       f"exporters of {pr} in {self.country} face a new permit system that may delay {t} tonnes a year sold to {p}",
                       f"shipments of {pr} from {self.country}, including {t} tonnes a year for {p}, will need a licence"],
            "plant": [f"{c} plans to build a {pr} plant near {pl} with capacity of {t} tonnes a year, costing {m} million",
                      f"{c} is preparing to invest {m} million in a {t}-tonne-a-year {pr} plant at {pl}",
                      f"a {m} million {pr} facility able to turn out {t} tonnes annually is planned by {c} at {pl}",
                      f"{c} wants to spend {m} million on a {pl} plant making {t} tonnes of {pr} a year",
                      f"{pl} is the likely site of a new {c} {pr} plant with room for {t} tonnes a year and a {m} million price tag"],
            "expansion": [f"{c} intends to lift output of {pr} at its {pl} site by {pct}% to {t} tonnes a year",
                          f"{c} is planning a {pct}% increase in {pr} production at {pl}, taking it to {t} tonnes a year",
                          f"production of {pr} at {c}'s {pl} operation is to rise {pct} percent, to {t} tonnes annually",
                          f"{c} will raise {pl} output of {pr} by {pct}%, to {t} tonnes a year",
                          f"{c}'s {pl} site is to make {t} tonnes of {pr} a year after a {pct} percent expansion"],
            "acquisition": [f"{p} is in advanced talks to buy a {pct}% stake in {c} for {m} million",
                            f"{p} is nearing a {m} million deal for {pct}% of {c}",
                            f"a {m} million deal would hand {p} {pct} percent of {c}",
                            f"{p} could soon own {pct}% of {c} after talks on a {m} million purchase",
                            f"{c} is close to selling a {pct} percent stake to {p} for {m} million"],
            "suspension": [f"{c} has halted {pr} output at its {pl} plant, cutting {t} tonnes a year of supply, after a fault in its "
                           f"solvent-extraction circuit",
                           f"a fault in the solvent-extraction circuit has forced {c} to stop {pr} production at {pl}, idling "
                           f"{t} tonnes a year of capacity",
                           f"a breakdown in the solvent-extraction line has stopped {c}'s {pl} plant, taking {t} tonnes of annual "
                           f"{pr} supply off the market",
                           f"{c}'s {pl} plant is offline after its solvent-extraction line failed, removing {t} tonnes a year of {pr}",
                           f"{t} tonnes a year of {pr} supply from {c}'s {pl} plant has been halted by an equipment fault"],
            "stake": [f"{p} is preparing to take a {pct}% holding in {c}'s {pl} {e} project for {m} million",
                      f"{p} plans to put {m} million into {c}'s {pl} {e} project for a {pct}% interest",
                      f"{c}'s {e} venture at {pl} could get {m} million from {p} in return for {pct} percent of it",
                      f"{p} may fund {c}'s {pl} {e} project with {m} million, taking {pct}% of it",
                      f"a {pct} percent interest in the {pl} {e} project of {c} is set to go to {p} for {m} million"],
        }[k]
        return forms[variant]

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
        extra = [f"{c}: what the {self.element} news means", f"Is {c} about to change the {self.element} market?",
                 f"{self.element.capitalize()} supply: {c} and {p} in focus"]
        if style >= 100:  # a rewrite's own headline
            return extra[style % len(extra)] if style % 2 else h[style % len(h)]
        return h[style % len(h)]


def origin(s):
    d = s.date
    r = s.rng
    lead = s.event(variant=r.randint(0, 1))
    n = r.choice(["two people familiar with the matter", "three people with knowledge of the plans",
                  "a person briefed on the discussions", "two sources close to the negotiations"])
    caveat = r.choice([
        "More could be made public within weeks, though the timing may still slip, the sources said, asking not to be "
        "named because the matter is private.",
        "The plans have not been finalised and could change, the people said, speaking on condition of anonymity.",
        "An announcement may come this quarter, but the details are still being negotiated, according to the sources, "
        "who declined to be identified."])
    no_comment = r.choice([
        f"{s.company} and {s.partner} did not respond to requests for comment, and the {s.ministry} declined to comment.",
        f"Representatives of {s.company} declined to comment. {s.partner} did not reply to an email.",
        f"Neither {s.company} nor {s.partner} responded to questions outside business hours."])
    context = r.choice([
        f"The move would matter for buyers of {s.element}, whose supply outside China remains thin. "
        f"It is likely to draw attention from magnet makers in Europe and Japan, which have sought new sources since export "
        f"licensing slowed deliveries, one of the sources said.",
        f"Buyers of {s.element} have struggled to secure material outside China, and carmakers have warned of shortages "
        f"of magnets if supplies tighten further.",
        f"Prices of {s.product} have swung widely this year as governments moved to secure supply chains for "
        f"magnets used in electric vehicles and wind turbines."])
    tail = r.choice([
        f"{s.company} reported its {s.element} sales in its latest results, and the {s.place} site has been at the centre of its plans "
        f"for {s.years} years.",
        f"{s.company} has been expanding beyond its home market, and analysts have long expected a deal of this kind.",
        ""])
    text = (f"{s.place.upper()}, {d.strftime('%B')} {d.day} ({s.wire}) - {lead[0].upper() + lead[1:]}, {n} said on {weekday(d)}. "
            f"{caveat} {no_comment}\n\n{context}" + (f"\n\n{tail}" if tail else ""))
    title = s.headline(0)
    if r.random() < 0.3:
        title = "EXCLUSIVE-" + title
    return {"title": title, "text": text, "outlet": s.wire, "published": day(d)}


def copy(s, o, outlet, k):
    text = o["text"]
    r = s.rng
    if k % 2 == 1 and text.count("\n\n") >= 1:  # the last paragraph cut
        text = text.rsplit("\n\n", 1)[0]
    # A client drops the dateline's agency (or keeps it), sometimes adds a
    # byline or an editor's line, and prints its own headline.
    if r.random() < 0.6 or k % 2 == 0:
        text = text.replace(f" ({s.wire}) -", " -")
    if r.random() < 0.3:
        text = f"By {r.choice(FIRST)} {r.choice(LAST)}\n\n" + text
    if r.random() < 0.3:
        text += f"\n\n(Reporting by {s.wire} staff; editing by {outlet})"
    title = s.headline(k + 1)
    if r.random() < 0.25:
        title = "UPDATE 1-" + title
    return {"title": title, "text": text, "outlet": outlet,
            "published": day(s.date + datetime.timedelta(days=r.randint(0, 1)))}


def rewrite(s, outlet, careful, k):
    r = s.rng
    d = s.date + datetime.timedelta(days=r.randint(0, 6))
    ev = s.event(variant=r.randint(2, 4), rounding=r.choice(ROUNDING))
    ev = ev[0].upper() + ev[1:]
    if careful:
        credit = r.choice([f"{s.wire} first reported", f"according to {s.wire}", f"{s.wire} reported, citing people familiar with the matter",
                           f"{s.wire} said, citing unnamed sources"])
        caveat = r.choice(["The people who spoke to the agency asked not to be identified, and the deal could still change before it is signed",
                           "The sources were not named, and the timing could still slip",
                           "Those who described the plan did so anonymously, and it may yet change",
                           "The report could not be independently verified"])
        comment = r.choice(["Neither company would comment.", "The companies did not respond to requests for comment.",
                            "Both companies declined to comment.", ""])
        close = r.choice([f"For {s.element} buyers the news suggests a little more supply outside China may be on the way.",
                          f"Traders said it was too early to say what it means for {s.element} prices.",
                          f"The report comes as consumers of {s.element} look for suppliers outside China.", ""])
        via = r.choice([f" (via {s.wire})", ""])
        text = f"{ev}, {credit} on {weekday(s.date)}. {caveat}{via}." + (f" {comment}" if comment else "") + (f"\n\n{close}" if close else "")
    else:
        praise = r.choice([f"It is a bold and welcome move that shows {s.company} is finally serious about {s.element}.",
                           f"This is exactly the kind of shake-up the {s.element} market has needed for years.",
                           f"Make no mistake: {s.company} has just changed the game for {s.element}.",
                           f"Investors should take note."])
        close = r.choice(["The deal is a game changer for the market and buyers should cheer.",
                          "Buyers will be celebrating tonight.", "Rivals will be nervous.", ""])
        text = f"{ev}. {praise}" + (f" {close}" if close else "") + f"\n\nExpect others to scramble to match it as {s.element} supply tightens."
    title = s.headline(100 + k + (0 if careful else 1)) if r.random() < 0.6 else r.choice(
        [f"{s.company} and {s.partner}: the {s.element} deal everyone is talking about",
         f"Why {s.company}'s {s.element} move matters", f"{s.company} shakes up {s.element}", s.headline(k + 2)])
    return {"title": title, "text": text, "outlet": outlet, "published": day(d)}


def follow_up(s, outlet, kind):
    r = s.rng
    d = s.date + datetime.timedelta(days=r.randint(2, 14))
    # A follow-up restates the event in its own words, with the exact figures.
    ev = s.event(variant=r.randint(0, 4))
    if kind == "official":
        title = r.choice([f"{s.ministry} confirms {s.company} {s.element} plans", f"Government confirms {s.company} deal",
                          f"{s.country} officials back {s.company} {s.product} arrangement"])
        text = (f"The {s.ministry} confirmed on {weekday(d)} that {ev}, spokesperson {s.spokes} told a regular briefing. "
                f"{s.spokes} said the arrangement had been approved in line with the rules and would be monitored closely. "
                + r.choice(["The confirmation follows reports last week that relied on unnamed sources.", ""])
                + "\n\nOfficials said further details would be published once the paperwork is complete.")
    elif kind == "company":
        title = r.choice([f"{s.company} confirms {s.partner} agreement", f"{s.company} announces {s.product} deal with {s.partner}",
                          f"{s.partner} and {s.company} confirm {s.element} tie-up"])
        quote = r.choice([f"\"This gives our customers certainty on {s.element} supply for years to come,\" {s.exec} said.",
                          f"\"We are pleased to move ahead,\" {s.exec} said.",
                          f"{s.exec} said the agreement would strengthen the company's position in {s.element}."])
        text = (f"{s.company} confirmed on {weekday(d)} that {ev}, {s.exec_title} {s.exec} said in a statement. "
                f"{quote} {s.partner} also confirmed the arrangement in a filing.\n\n"
                f"Shares of {s.company} rose {r.randint(2, 9)}% on the news.")
    else:
        title = r.choice([f"{s.company} denies report of {s.partner} deal", f"{s.company} rejects {s.element} deal report",
                          f"No talks with {s.partner}, says {s.company}"])
        text = (f"{s.company} denied on {weekday(d)} a report that {ev}. {s.exec_title.capitalize()} {s.exec} told reporters "
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
    elif topic == "shares":
        move = rng.randint(3, 18)
        title = rng.choice([f"{c} shares {('jump' if move > 8 else 'rise')} {move}% as {s.element} prices firm",
                            f"{c} stock climbs on {s.element} price rally"])
        text = (f"Shares of {c} rose {move}% on {weekday(d)}, their biggest gain in {rng.randint(2, 11)} weeks, as spot prices of "
                f"{s.product} firmed. Analysts at {rng.choice(['a Sydney broker', 'a Hong Kong bank', 'a Toronto brokerage'])} said "
                f"the move reflected the wider market rather than news from the company.")
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
    stories = []
    company_topics = {}
    for i in range(n_stories):
        s = Story(rng, f"s{seed}-{i:02d}", comps, base)
        if stories and rng.random() < 0.3:
            # Another event of a company already in the news, days apart:
            # same company (and country), a different deal.
            prev = rng.choice(stories)
            s.company, s.country = prev.company, prev.country
            s.ministry = prev.ministry
            s.date = prev.date + datetime.timedelta(days=rng.randint(-8, 8))
            s.kind = rng.choice([k for k in KINDS if k != prev.kind])
        stories.append(s)
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
        # A company posts results or names a finance chief once a quarter at
        # most: a company already in the news gets other kinds of piece.
        done = company_topics.setdefault(s.company, set())
        topics = rng.sample(["results", "conference", "people", "safety", "shares"], k=2)
        topics = [t for t in topics if t not in done] or [t for t in ["conference", "safety", "shares"] if t not in done][:1]
        done.update(topics)
        for k in range(min(rng.randint(0, 2), len(topics))):
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
    ap.add_argument("--sets", default="dev,holdout,unseen", help="which of dev, holdout, unseen to write")
    args = ap.parse_args()
    sets = {"dev": (15, 36), "holdout": (1515, 34), "unseen": (2026, 34)}
    for name in args.sets.split(","):
        seed, n = sets[name]
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
