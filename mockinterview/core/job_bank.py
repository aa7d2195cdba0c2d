"""A session bank from a job ad (and optionally a CV): role-specific questions, saved as TOML.

Without a language model the bank is picked from the built-in banks: the skills the ad names
(a fixed vocabulary below, matched as whole words) are matched against the same skills found in
each built-in question's bank title, text and key points; skills the CV also names rank first,
because an interviewer asks about what a candidate claims, and the bank of the role the ad
describes comes before the others. With a model, each question slot is
written by the model and kept only if `prompts.check_bank_question` passes it; a refused slot
gets the deterministic pick instead. Either way the file is a normal bank the user can edit, and
it is loaded back through the bank validator before it is reported as written.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from mockinterview.core.errors import BankError, MediaError
from mockinterview.core.llm.interviewer import Outcome, bank_question
from mockinterview.core.llm.prompts import content_stems, parse_bank_question
from mockinterview.core.llm.runtime import LocalModel, TokenCallback
from mockinterview.core.questions import (
    Bank,
    KeyPoint,
    Question,
    builtin_banks,
    load_bank_file,
    slug,
)
from mockinterview.core.text_file import read_text_file

GENERAL_BANK = "general"  # the behavioural bank; every other built-in bank is a role's own
INTRO_ID = "tell-me-about-yourself"
DEFAULT_COUNT = 8
AD_MAX_CHARS = 100_000  # a job ad or CV longer than this is not one

# Skills a job ad names, as (name, kind, pattern). Patterns are whole-word regular expressions
# (case-insensitive). "technical" is any skill of the role itself (SQL, customer service, sales),
# asked about by a role bank; "behavioural" ones are asked about as stories by the general bank.
# Technical skills without a built-in question still steer a model's questions and are
# reported, so the user sees what was understood.
SKILLS: tuple[tuple[str, str, str], ...] = (
    ("machine learning", "technical", r"machine[- ]learning|\bml\b|data scien\w*"),
    ("deep learning", "technical", r"deep[- ]learning|neural net\w*|pytorch|tensorflow|keras"),
    ("computer vision", "technical", r"computer vision|image\w*|convolution\w*|\bcnns?\b"),
    ("natural language processing", "technical", r"\bnlp\b|natural language|\bllms?\b"),
    ("metrics", "technical", r"metrics?|\bkpis?\b|key performance indicators?"),
    # not "evaluate" or "metrics" alone: a nurse "evaluates care", a marketer reports "metrics"
    (
        "model evaluation",
        "technical",
        r"(?:model|cross)[- ]?(?:evaluation|validation)|validation (?:sets?|strateg\w*|data|loss)"
        r"|test sets?|hold-?out|overfit\w*|evaluat\w* (?:the |a |your |our )?models?"
        r"|(?:evaluation|model|ml) metrics?",
    ),
    (
        "statistics",
        "technical",
        r"statistic\w*|a/b test\w*|hypothes[ie]s|experiment\w*|p-values?|significan\w*"
        r"|confidence intervals?|correlation|causation|causal\w*",
    ),
    (
        "data analysis",
        "technical",
        r"data analy\w*|analysts?\b|business intelligence|spreadsheets?|excel\b|tableau|power ?bi"
        r"|looker",
    ),
    (
        "data cleaning",
        "technical",
        r"data cleaning|clean\w* (?:the |messy |raw )?data|messy data|data quality|missing values"
        r"|dedup\w*|(?:remov\w*|drop\w*) duplicates|duplicate (?:records|rows|keys?)|outliers?"
        r"|data wrangling",
    ),
    ("data visualisation", "technical", r"dashboards?|visuali[sz]\w*|charts?"),
    (
        "presenting findings",
        "technical",
        r"present\w* (?:your |the |an |my )?(?:findings|analys[ie]s|results|insights)"
        r"|data storytelling|non-technical (?:stakeholders|audiences?|managers?)",
    ),
    ("imbalanced data", "technical", r"imbalanc\w*|fraud|anomal\w*|rare class\w*"),
    ("ensembles", "technical", r"ensembl\w*|boosting|xgboost|random forests?|bagging"),
    ("regularization", "technical", r"regulari[sz]\w*|dropout|weight decay"),
    (
        "feature engineering",
        "technical",
        r"feature (?:engineering|selection)|dimensional\w*|\bpca\b",
    ),
    ("reinforcement learning", "technical", r"reinforcement learning"),
    ("data augmentation", "technical", r"augment\w*"),
    ("python", "technical", r"python|pandas|numpy|scikit-learn|sklearn"),
    ("sql", "technical", r"\bsql\b|postgres\w*|mysql|databases?"),
    # not "CI/CD pipeline", a deployment's
    (
        "data pipelines",
        "technical",
        r"(?<!ci/cd )pipelines?|\betl\b|airflow|spark|data engineering",
    ),
    ("cloud", "technical", r"\baws\b|\bgcp\b|azure|cloud"),
    # software in production, not a restaurant "serving food", a "production line" or a
    # plumber's "on-call rota" (each made a shop's or a trade's ad list deployment)
    (
        "deployment",
        "technical",
        r"deploy\w*|(?:in|into|to) production|production (?:incidents?|errors?|systems?|services?)"
        r"|mlops|docker|kubernetes|model serving|serving (?:models?|predictions?)"
        r"|continuous (?:integration|delivery)|feature flags?|canary|rollbacks?",
    ),
    (
        "software engineering",
        "technical",
        r"unit tests?|code reviews?|\bgit\b|ci/cd|software engineer\w*|refactor\w*|debug\w*"
        r"|automated test\w*|test-driven|\btdd\b",
    ),
    (
        "backend",
        "technical",
        r"back[- ]?end|\bapis?\b|rest(?:ful)? apis?|microservices?|scal(?:ing|ab\w*)|load balanc\w*"
        r"|cach(?:e|es|ing)\b|concurren\w*|multi-?thread\w*|race conditions?|distributed systems?",
    ),
    (
        "product management",
        "technical",
        r"product manag\w*|product owner|roadmaps?|backlogs?|minimum viable"
        r" products?|\bmvps?\b|product requirements|\bprds?\b",
    ),
    (
        "product analytics",
        "technical",
        r"north[- ]star|\bkpis?\b|product analytics|funnels?|retention|churn|engagement"
        r"|active users",
    ),
    (
        "user research",
        "technical",
        r"user research|customer discovery|product discovery|user interviews?|customer interviews?"
        r"|usability|prototyp\w*",
    ),
    (
        "customer service",
        "technical",
        r"customer (?:service|support|care|experience|satisfaction)|retail|hospitality|front desk"
        r"|(?:contact|call) cent(?:re|er)s?|complaints?|help ?desk|serv\w* customers"
        r"|customer-facing",
    ),
    (
        "sales",
        "technical",
        r"sales|selling|objections?|quotas?|account manag\w*|upsell\w*|cross-sell\w*",
    ),
    (
        "product knowledge",
        "technical",
        r"product knowledge|product training|learn\w* (?:a |new |the )*products?",
    ),
    # Not "care", "healthcare" or "safeguarding" alone: "customer care", "healthcare data" and
    # every school ad's "safeguarding children" would pull other roles' ads to the nurse bank.
    (
        "nursing",
        "technical",
        r"nurs(?:e|es|ing)\b|nursing associates?|healthcare assistants?|health ?care support"
        r" workers?|\bhcas?\b|care (?:workers?|assistants?|homes?)|patient care",
    ),
    (
        "medication administration",
        "technical",
        r"medicines? (?:management|administration|rounds?)|medication (?:administration|management"
        r"|rounds?|errors?|safely)|administ\w* (?:of )?medic\w*|drug rounds?|controlled drugs?",
    ),
    (
        "patient observations",
        "technical",
        r"(?:patient|clinical|physiological) observations|vital signs|\bnews ?2\b"
        r"|early warning scor\w*|deteriorat\w* patients?|patients? (?:is |who is )?deteriorat\w*"
        r"|\bsbar\b|sepsis",
    ),
    (
        "infection control",
        "technical",
        r"infection (?:prevention|control)|hand hygiene|barrier nurs\w*|isolation precautions",
    ),
    (
        "personal care",
        "technical",
        r"personal care|person-centred care|dignity and (?:privacy|respect)|privacy and dignity"
        r"|end[- ]of[- ]life care|palliative care",
    ),
    # Not "education" ("Education: BSc ..." in any ad), "curriculum" (vitae) or "send" (the verb)
    (
        "teaching",
        "technical",
        r"teach(?:ers?|ing and education)\b|teaching (?:assistants?|staff|posts?|roles?|positions?)"
        r"|\bqts\b|\bpgce\b|\btutors?\b",
    ),
    (
        "lesson planning",
        "technical",
        r"lesson plan\w*|planning lessons|plan\w* (?:and deliver\w* )?(?:\w+ )?lessons"
        r"|lesson objectives?|schemes? of work",
    ),
    (
        "behaviour management",
        "technical",
        r"behaviou?r management|classroom management|behaviou?r polic(?:y|ies)"
        r"|manag\w* (?:classroom |pupil |student )?behaviou?r",
    ),
    (
        "special educational needs",
        "technical",
        r"special educational needs|\bsenco\b|\behcps?\b|\bsen\b",
    ),
    (
        "safeguarding children",
        "technical",
        r"designated safeguarding lead|safeguarding (?:children|pupils|students|young people)"
        r"|keeping children safe",
    ),
    # Not "marketing" alone: ads of every role say "work with the marketing team"
    (
        "digital marketing",
        "technical",
        r"(?:digital|online|content|email|social media|performance|field|event) marketing"
        r"|marketing (?:executives?|managers?|coordinators?|assistants?|officers?|campaigns?"
        r"|strateg(?:y|ies)|plans?|mix|budgets?)|marketers?",
    ),
    (
        "marketing campaigns",
        "technical",
        r"(?:marketing|advertising|ad|integrated|digital|email|paid social) campaigns?"
        r"|campaign (?:planning|management|performance|results)|\broas\b|return on ad spend"
        r"|cost per (?:lead|acquisition)|\butm\b",
    ),
    (
        "seo",
        "technical",
        r"\bseo\b|search engine optimi[sz]ation|keyword research|backlinks?|link building"
        r"|google search console",
    ),
    (
        "social media and content",
        "technical",
        r"social media (?:marketing|manager|management|content|campaigns?|channels|strategy"
        r"|platforms|posts?|accounts?)|content (?:marketing|creation|creators?|calendars?|strategy)"
        r"|copywrit\w*|email (?:marketing|campaigns?|newsletters?|lists?|subject lines?)"
        r"|influencer\w*",
    ),
    (
        "brand management",
        "technical",
        r"brand (?:voice|guidelines?|management|awareness|identity|consistency|managers?|strategy)"
        r"|tone of voice|brand's voice",
    ),
    (
        "project management",
        "technical",
        r"project manag\w*|project coordinat\w*|delivery manag\w*|program(?:me)? manag\w*"
        r"|\bpmp\b|prince ?2",
    ),
    (
        "project planning",
        "technical",
        r"project plan\w*|project schedul\w*|work breakdown|gantt|ms project|microsoft project",
    ),
    (
        "risk management",
        "technical",
        r"risk (?:management|registers?|logs?|mitigation)|raid logs?|manag\w* (?:project )?risks"
        r"|mitigat\w* risks?",
    ),
    (
        "project budgets",
        "technical",
        r"project budgets?|(?:within|on|under|over) budget|budget (?:control|tracking|forecast\w*)"
        r"|cost control|earned value",
    ),
    ("change control", "technical", r"change control|change requests?|scope creep|scope changes?"),
    # Session 40's banks. Not "audit" alone (clinical, SEO audits), "payroll" alone ("liaise
    # with payroll"), "fraud" alone (ml-engineer's "imbalanced data" already reads it)
    (
        "accounting",
        "technical",
        r"accountan\w*|accounting|bookkeep\w*|book-keep\w*|finance (?:assistants?|officers?"
        r"|analysts?|administrators?|business partners?)|financial (?:controllers?|accounting"
        r"|reporting|statements)|management accounts|\bacca\b|\bcima\b|\baat\b|\baca\b",
    ),
    (
        "reconciliations and month end",
        "technical",
        r"(?:bank|account|balance sheet|ledger|supplier|intercompany|control account)"
        r" reconciliations?|reconcil\w* (?:the )?(?:bank|accounts?|ledgers?|balance sheets?"
        r"|supplier statements?)|month[- ]end|year[- ]end (?:accounts|close|closing|audit)"
        r"|closing the books|accruals?|prepayments?|trial balance|balance sheet",
    ),
    (
        "ledgers and payroll",
        "technical",
        r"accounts (?:payable|receivable)|purchase ledger|sales ledger|credit control\w*"
        r"|supplier (?:payments?|invoices?|statements?)|paying suppliers|payment runs?"
        r"|payroll (?:clerks?|administrators?|officers?|assistants?|processing|runs?|bureau)",
    ),
    (
        "vat and tax",
        "technical",
        r"\bvat\b|making tax digital|\bhmrc\b|corporation tax|tax returns?",
    ),
    (
        "accounting software",
        "technical",
        r"\bsage\b|xero|quickbooks|netsuite|oracle (?:financials|fusion|e-business)"
        r"|accounting (?:software|packages?|systems?)",
    ),
    # Not "receptionist" alone (hotels), "administrator" alone (systems), "PA" (per annum),
    # "diary" or "calendar" alone ("content calendar")
    (
        "office administration",
        "technical",
        r"office (?:administrat\w*|manag(?:er|ers|ement)\b|coordinat\w*|junior)"
        r"|administrative (?:assistants?|officers?|coordinators?|support|duties)"
        r"|admin (?:assistants?|officers?|support|roles?)|executive assistants?"
        r"|personal assistants?|secretarial|(?:medical|school|legal|team) secretar(?:y|ies)"
        r"|(?:medical|dental|office|school|surgery|practice) receptionists?",
    ),
    (
        "diary management",
        "technical",
        r"diary management|calendar management|diary (?:and|&) (?:inbox|email|calendar) management"
        r"|multiple diaries|manag\w* (?:a |the |an |their |his |her )?(?:busy |complex )?"
        r"(?:executive|director|ceo|manager|partner|senior leader|md)s?'?s? (?:busy )?"
        r"(?:diar(?:y|ies)|calendars?)",
    ),
    (
        "travel arrangements",
        "technical",
        r"travel (?:arrangements|bookings?|itinerar\w*|management)|arrang\w*(?: \w+){0,2} travel\b"
        r"|book\w*(?: \w+){0,2} travel\b|itinerar(?:y|ies)",
    ),
    (
        "data entry",
        "technical",
        r"data entry|entering data|data you enter|audio typing|copy typing|typing speed|\bwpm\b",
    ),
    # Not "HR" alone ("contact our HR department"), "recruiting" alone ("we are recruiting"),
    # "disciplinary" alone ("disciplinary procedures apply")
    (
        "human resources",
        "technical",
        r"human resources|\bhr (?:and recruitment|advis\w*|officers?|assistants?|administrat\w*"
        r"|business partners?|generalists?|managers?|coordinators?|specialists?)\b"
        r"|people (?:advis\w*|partners?)\b|\bcipd\b",
    ),
    (
        "recruitment",
        "technical",
        r"recruit(?:ers?|ment (?:and selection|campaigns?|consultants?|advis\w*|officers?"
        r"|coordinators?|partners?|administrat\w*))\b|(?:hr|human resources) and recruitment"
        r"|talent acquisition|(?:end[- ]to[- ]end|full[- ]cycle|360) recruitment"
        r"|candidate sourcing|sourcing candidates|shortlisting|hiring managers?"
        r"|person specifications?",
    ),
    (
        "employee relations",
        "technical",
        r"employee relations|\ber (?:cases?|casework|issues)\b|grievances?|disciplinaries"
        r"|disciplinary (?:hearings?|investigations?|cases?|and grievance)"
        r"|absence (?:management|records?)|sickness absence|managing absence"
        r"|attendance management",
    ),
    (
        "employment law",
        "technical",
        r"employment (?:law|legislation|tribunals?|rights)|\bacas\b|unfair dismissal"
        r"|equality act|right to work checks?",
    ),
    # Not "legal" alone ("legal requirements"), "legislation" or "statutory" (accounts, HR)
    (
        "legal practice",
        "technical",
        r"solicitors?|paralegals?|legal (?:assistants?|secretar(?:y|ies)|executives?|cashiers?"
        r"|services|practice|advisers?|advisors?|sector)|law firms?|conveyanc\w*|litigat\w*",
    ),
    (
        "legal research",
        "technical",
        r"legal research|research(?:ing)? (?:a )?points? of law|case law|westlaw|lexis ?nexis"
        r"|lexis\b|practical law",
    ),
    (
        "legal drafting",
        "technical",
        r"legal drafting|drafting (?:of )?(?:legal )?(?:documents?|contracts?|leases?|agreements?"
        r"|pleadings?|wills?|clauses?)|draft\w* (?:legal )?(?:contracts|leases|pleadings"
        r"|legal documents)|precise drafting",
    ),
    (
        "conflicts of interest",
        "technical",
        r"conflicts? of interest|conflict (?:checks?|search\w*)|conflicts (?:checks?|search\w*"
        r"|system)|legal professional privilege|\bsra\b|solicitors regulation authority",
    ),
    (
        "legal deadlines",
        "technical",
        r"court deadlines|limitation (?:dates?|periods?)|(?:legal|litigation|conveyancing)"
        r" caseloads?|caseloads? of (?:legal |litigation |conveyancing )?(?:matters|files)",
    ),
    # Not "retail" alone ("retail clients"), "theft" (criminal law), "till" ("open till late"),
    # "point of sale" (marketing's printed material)
    (
        "retail and hospitality",
        "technical",
        r"hospitality|retail (?:assistants?|associates?|staff|supervisors?|managers?|stores?"
        r"|shops?|sales assistants?|team members?)|shop (?:assistants?|floor|workers?)"
        r"|store (?:managers?|assistants?|supervisors?)|sales assistants?|waiting staff"
        r"|waiters?|waitress\w*|bar ?(?:staff|tenders?|work\w*)|front[- ]of[- ]house"
        r"|hotel receptionists?|food and (?:beverage|drink) (?:service|assistants?)",
    ),
    (
        "cash handling",
        "technical",
        r"cash[- ]handling|handl\w* (?:cash|money)|cash(?:ing)?[- ]up|cash registers?"
        r"|till (?:work|operation|drawers?|rolls?|systems?)|on the tills?|\bepos\b"
        r"|cash floats?",
    ),
    (
        "food safety and allergens",
        "technical",
        r"food (?:safety|hygiene|handling)|allergen\w*|allerg(?:y|ies) (?:awareness|management"
        r"|training|procedures?)|natasha's law|\bhaccp\b",
    ),
    (
        "licensing and age-restricted sales",
        "technical",
        r"challenge (?:25|twenty[- ]five)|think (?:25|twenty[- ]five)|age[- ]restricted"
        r" (?:sales|products|goods|items)|licensing (?:laws?|objectives)"
        r"|personal licen[cs]e\w*|responsible (?:alcohol|drinks?) (?:sales|service|retailing)"
        r"|(?:sale|serving|service) of alcohol",
    ),
    (
        "loss prevention",
        "technical",
        r"loss prevention|shop ?lift\w*|shrinkage|stock loss|store detectives?",
    ),
    # Not "builder" (page builders), "electrical engineer" (a degree), "troubleshooting" (IT)
    (
        "electrical installation",
        "technical",
        r"electricians?\b|electrical (?:installations?|installers?|contractors?|testing"
        r"|maintenance)\b|wiring reg(?:s|ulations)\b|bs ?7671|18th edition|eighteenth edition"
        r"|\bniceic\b|\bnapit\b",
    ),
    (
        "plumbing and gas",
        "technical",
        r"plumb(?:er|ers|ing)\b|gas (?:engineers?|safe|fitters?)\b|heating engineers?\b"
        r"|boilers?\b|unvented",
    ),
    (
        "skilled trades",
        "technical",
        r"skilled trades?\b|tradesp(?:erson|eople)\b|carpent(?:er|ers|ry)\b|joiner(?:s|y)?\b"
        r"|bricklay(?:er|ers|ing)\b|plasterers?\b|multi-?trades?\b",
    ),
    (
        "safe isolation",
        "technical",
        r"safe isolation|safely isolat\w*|lock[- ]?off\b|lock[- ]?out\b|\bloto\b"
        r"|prov(?:e|ing) (?:it )?dead|proving units?",
    ),
    (
        "fault finding",
        "technical",
        r"fault[- ]?finding|fault diagnosis|diagnos\w* (?:electrical |mechanical )?faults"
        r"|find(?:ing)? (?:the )?faults?\b",
    ),
    # Leading people; not "manager" alone (a project's, a product's) nor "lead" (a behaviour)
    (
        "people management",
        "technical",
        r"team lead(?:er|ers)\b|team manag(?:er|ers)\b|line manag(?:ement|ing)\b"
        r"|people manag\w*|people (?:you|they|he|she|we) manage|supervis(?:or|ors|ory|ing)\b"
        r"|direct reports?|manag(?:e|ing) (?:a|the|your|my) team|shift (?:leaders?|managers?)",
    ),
    (
        "performance management",
        "technical",
        r"one[- ]to[- ]ones?|appraisals?|performance (?:reviews?|manag\w*|improvement|issues?)"
        r"|underperform\w*|capability (?:process|procedure)|return[- ]to[- ]work|sickness absence"
        r"|absence management|rotas?\b|delegat\w*",
    ),
    # Graduates and first jobs; not "graduate" alone (a software ad's "graduate in computing")
    (
        "graduate schemes",
        "technical",
        r"graduate (?:schemes?|programmes?|programs?|roles?|jobs?|intakes?"
        r"|trainees?|business scheme)|internships?|\binterns\b|placement (?:years?|students?)"
        r"|(?:industrial|summer|year-long) placements?|apprenticeships?|school leavers?"
        r"|early careers?|first jobs?",
    ),
    (
        "university and study",
        "technical",
        r"(?:university|college|degree|dissertation|final[- ]year) projects?|dissertations?"
        r"|student societ\w*|(?:a|your|my) degree\b|2:1|(?:your|my|their) studies",
    ),
    (
        "rotations",
        "technical",
        r"rotations?\b|rotates?\b|(?:four|three|several) (?:six-month )?placements",
    ),
    (
        "commercial awareness",
        "technical",
        r"commercial awareness|(?:our|the) (?:sector|industry|market)\b|industry news"
        r"|business news",
    ),
    # IT support; not "troubleshooting" alone (a trade's fault finding) nor "tickets" (events)
    (
        "it support",
        "technical",
        r"(?:it support|service desk|help ?desk|desktop support)(?: analysts?| engineers?"
        r"| technicians?)?|(?:1st|2nd|first|second)[- ]line"
        r"(?: support| analysts?| engineers?)?\b|support analysts?|it technicians?"
        r"|system administrat\w*|sysadmins?\b",
    ),
    (
        "it service management",
        "technical",
        r"\bitil\b|servicenow|service ?now|jira service|incident management|ticket(?:s|ing)?"
        r" (?:queue|system|tool)s?|\bslas?\b|knowledge base",
    ),
    (
        "user accounts and devices",
        "technical",
        r"active directory|\bentra\b|microsoft 365|office 365|\bintune\b|password resets?"
        r"|new starters?'? (?:laptops?|accounts?|equipment)|laptop (?:builds?|imag\w*)",
    ),
    (
        "cyber security",
        "technical",
        r"phishing|cyber ?security|malware|ransomware|multi-?factor|\bmfa\b|security incidents?",
    ),
    # Warehouse, logistics and driving; not "delivery" alone (software delivers, shops deliver)
    # nor a warehouse alone (an analyst's SQL runs "against our warehouse")
    (
        "warehouse and logistics",
        "technical",
        r"warehous(?:ing|e (?:operatives?|staff|team|work\w*|roles?|jobs?|environments?|manag\w*"
        r"|shifts?|assistants?|supervisors?|team leaders?|floor|operations|sites?))|logistics"
        r"|distribution cent(?:re|er)s?|supply chain|goods[- ]in\b"
        r"|dispatch (?:team|operatives?|bay)|pick(?:ers?|ing)? (?:rates?|and pack|lists?)"
        r"|order pick\w*|fulfil?ment cent(?:re|er)s?",
    ),
    (
        "forklift operation",
        "technical",
        r"fork ?lifts?\b|reach trucks?|counterbalance|\bflt\b|\bmhe\b|pallet trucks?",
    ),
    (
        "driving",
        "technical",
        r"\bhgv\b|\blgv\b|class (?:1|2|c|c\+e) (?:drivers?|licen[cs]es?)|driver cpc|\bcpc\b"
        r"|tachograph\w*|\btacho\b|drivers'? hours|multi-?drop|(?:delivery|van|lorry|hgv)"
        r" drivers?\b|walk-?around checks?|vehicle (?:defect )?checks?|route planning",
    ),
    (
        "stock control",
        "technical",
        r"stock (?:control|counts?|checks?|discrepanc\w*|accuracy|rotation)|cycle counts?"
        r"|\bwms\b|warehouse management system",
    ),
    # Engineers outside software: not "engineer" alone (software, data, gas engineers)
    (
        "engineering disciplines",
        "technical",
        r"(?:mechanical|electrical|civil|structural|manufacturing|design|process|maintenance"
        r"|chemical|aerospace|automotive|mechatronics?) engineer(?:s|ing)?\b|chartered engineers?"
        r"|\bceng\b|\bieng\b|\bimeche\b",
    ),
    (
        "cad and drawings",
        "technical",
        r"\bcad\b|solidworks|autocad|\bcreo\b|catia|revit|general arrangements?"
        r"|detail(?:ed)? drawings?|3d models?",
    ),
    (
        "engineering risk",
        "technical",
        r"\bfmeas?\b|\bhazops?\b|design reviews?|failure modes?",
    ),
    (
        "tolerances and inspection",
        "technical",
        r"toleranc\w*|gd ?& ?t\b|geometric dimensioning|\bcmm\b|first article inspection",
    ),
    ("root cause analysis", "technical", r"root causes?|\b8d\b|five whys|5 whys|fishbone"),
    (
        "engineering standards",
        "technical",
        r"eurocodes?|british standards?|\bbs en\b|design codes?|codes and standards"
        r"|standards, codes|\basme\b|machinery directive|ce marking|\bukca\b",
    ),
    (
        "engineering calculations",
        "technical",
        r"(?:engineering|design|hand|structural) calc(?:ulation)?s?\b|\bfea\b|finite element",
    ),
    (
        "engineering change",
        "technical",
        r"engineering change|change notices?|\becns?\b|design changes?",
    ),
    ("java", "technical", r"\bjava\b"),
    ("javascript", "technical", r"javascript|typescript|react(?:\.?js)?\b|node\.?js"),
    ("c++", "technical", r"c\+\+"),
    ("leadership", "behavioural", r"lead\w*|\bled\b|mentor\w*|ownership|initiative"),
    ("teamwork", "behavioural", r"team\w*|collaborat\w*|cross-functional|stakeholders?"),
    ("conflict", "behavioural", r"conflict\w*|disagree\w*|negotiat\w*"),
    ("communication", "behavioural", r"communicat\w*|present\w*|explain\w*|writ\w+ skills"),
    ("learning from failure", "behavioural", r"fail\w*|mistakes?|setbacks?|resilien\w*"),
    ("motivation", "behavioural", r"passion\w*|motivat\w*|mission|curious|curiosity"),
    ("achievement", "behavioural", r"achiev\w*|results-driven|impact|deliver\w*"),
    (
        "prioritisation",
        "behavioural",
        r"priorit\w*|time management|(?:competing|tight|multiple) deadlines|multi-?task\w*",
    ),
    (
        "adaptability",
        "behavioural",
        r"adapt\w*|flexib\w*|fast-paced|changing (?:priorities|environment)|quick learner"
        r"|fast learner|learn\w*(?: \w+){0,3} quickly",
    ),
    ("working under pressure", "behavioural", r"pressure|stress\w*|calm\w*|composure"),
    ("receiving feedback", "behavioural", r"feedback|coachab\w*|self-aware\w*"),
    ("career goals", "behavioural", r"ambitio\w*|career (?:growth|development|progression)"),
)
_PATTERNS = {name: re.compile(rf"\b(?:{pattern})", re.IGNORECASE) for name, _k, pattern in SKILLS}
KIND = {name: kind for name, kind, _p in SKILLS}


@dataclass(frozen=True)
class Slot:
    """One question of the bank: where it came from and, for a model's, what was refused."""

    question: Question
    source: str  # a built-in bank's name, or "model"
    skill: str | None
    refused: tuple[str, ...] = ()  # the model's problems when it fell back to a built-in pick


def slot_verdict(slot: Slot) -> str:
    """One line saying what became of a question the model was asked to write."""
    if slot.source == "model":
        return "kept: it passed every check"
    refused = "; ".join(slot.refused) or "no text"
    return f"refused ({refused}); built-in question instead: {slot.question.text}"


@dataclass(frozen=True)
class JobBank:
    title: str
    skills: tuple[str, ...]  # named by the ad, most relevant first
    slots: tuple[Slot, ...]

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(slot.question for slot in self.slots)

    def described(self) -> tuple[str, ...]:
        """What was understood of the ad and where each question came from: the lines `banks
        from-job` prints and the import dialog shows, so the user can judge the picks."""
        lines = [f"Skills in the ad: {', '.join(self.skills) or 'none of the known skills'}"]
        if all(slot.source == GENERAL_BANK for slot in self.slots):  # said first, where it is seen
            lines.append(
                "No built-in bank asks about this role's own skills, so these are general "
                "questions only: add your own role questions to the saved bank, or set a local "
                "language model (llm.model in settings.toml) to write them."
            )
        for slot in self.slots:
            where = "written by the model" if slot.source == "model" else f"from bank {slot.source}"
            refused = f" (the model's was refused: {slot.refused[0]})" if slot.refused else ""
            question = slot.question
            lines.append(f"{question.id} [{question.category}] {where}{refused}: {question.text}")
        return tuple(lines)


def read_document(path: Path) -> str:
    """The text of a job ad or CV: plain text (UTF-8) or PDF (its text layer)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise MediaError(f"{path}: no such file")
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        except (PdfReadError, ValueError, OSError) as exc:
            raise MediaError(f"{path}: not a readable PDF ({exc})") from exc
        if not text.strip():
            raise MediaError(
                f"{path}: the PDF has no text layer (a scan?). Save the text as a .txt file."
            )
        return text
    text = read_text_file(path, MediaError)
    if not text.strip():
        raise MediaError(f"{path}: the file is empty")
    return text[:AD_MAX_CHARS]


def find_skills(text: str) -> dict[str, int]:
    """Skill name -> how often the text names it (only skills named at least once)."""
    text = " ".join(text.split())  # a phrase wrapped over two lines of the ad is one phrase
    counts = {name: len(pattern.findall(text)) for name, pattern in _PATTERNS.items()}
    return {name: n for name, n in counts.items() if n}


def role_title(job_ad: str) -> str:
    """The ad's first line (where the role is named), cut to a title's length."""
    first = next((line.strip(" #*-\t") for line in job_ad.splitlines() if line.strip()), "")
    return (first[:60].rsplit(" ", 1)[0] if len(first) > 60 else first) or "Job interview"


def head_skill(job_ad: str) -> str | None:
    """The role skill the job's title ends on: what the job *is*, where its title names two
    roles. "Warehouse Team Leader - Night Shift" is a team leader's job in a warehouse, "Graduate
    Business Scheme - Finance, Supply Chain ..." a graduate scheme with rotations: an English
    title ends on its head noun, and what follows a dash, a bar, a bracket, a comma or a colon
    only qualifies it.
    Of two skills ending on the same word, the longer match is the role ("Service Desk Analyst"
    is IT support, not data analysis).
    """
    title = re.split(r" [-\u2013|] |[(,:]", role_title(job_ad))[0]
    last = {  # where each role skill's last match ends, and how long it is (the more specific)
        name: max((m.end(), m.end() - m.start()) for m in found)
        for name, pattern in _PATTERNS.items()
        if KIND[name] == "technical" and (found := list(pattern.finditer(title)))
    }
    return max(last, key=last.__getitem__) if last else None


def _question_text(question: Question, bank: Bank) -> str:
    """What a question is about: its bank's title, its text, its key points and their wordings.

    Not the model answer: it mentions neighbouring topics (a "why this company" answer talks of
    the team), which would match skills the question does not test.
    """
    points = " ".join(f"{p.point} {' '.join(p.phrases)}" for p in question.key_points)
    return f"{bank.title} {question.text} {points}"


def ranked_skills(job_ad: str, cv: str = "") -> list[str]:
    """Skills the ad names: those the CV names too first, then by how often the ad names them."""
    in_ad, in_cv = find_skills(job_ad), find_skills(cv)
    return sorted(in_ad, key=lambda name: (name not in in_cv, -in_ad[name]))


def pick_questions(job_ad: str, cv: str = "") -> tuple[list[Slot], list[Slot]]:
    """Deterministic picks from the built-in banks: (technical, behavioural) best first.

    A question scores, for each skill it shares with the ad, how often the ad names the skill
    (twice that when the CV names it too), divided by how many built-in questions of its kind
    name that skill: a skill most questions touch ("metrics") says little about which question
    fits, one that few do ("imbalanced data") says a lot. Technical questions come first from
    the bank whose role (its title) the job's title ends on (`head_skill`), then from the one the
    ad names most: a data analyst's ad that asks for metrics gets the analyst's questions before
    a product manager's, whatever the question scores, and a warehouse team leader's ad the team
    leader's questions before a picker's, however often it says "warehouse".
    The introduction question leads the behavioural list and the closing question ends it.
    """
    in_ad, in_cv = find_skills(job_ad), find_skills(cv)
    skills = ranked_skills(job_ad, cv)
    asked: list[tuple[Bank, Question, str, dict[str, int]]] = []
    closing: Slot | None = None
    seen: set[str] = set()
    banks = builtin_banks()  # not the user's: a bank built from an ad is one
    for bank in banks:
        for question in bank.questions:
            if question.id in seen:
                continue
            seen.add(question.id)
            if question.closing:
                closing = closing or Slot(question, bank.name, None)
                continue
            kind = "behavioural" if bank.name == GENERAL_BANK else "technical"
            asked.append((bank, question, kind, find_skills(_question_text(question, bank))))
    naming = Counter((kind, skill) for _b, _q, kind, named in asked for skill in named)

    def weight(named: Iterable[str], kind: str, spread: bool) -> float:
        return sum(
            in_ad[s] * (2 if s in in_cv else 1) / (naming[kind, s] if spread else 1)
            for s in named
            if s in in_ad and KIND[s] == kind
        )

    head = head_skill(job_ad)
    # per bank: whether its title names the job title's head skill, how often the ad names its own
    role: dict[str, tuple[bool, float]] = {}
    for bank in banks:
        titled = find_skills(bank.title)
        role[bank.name] = (head in titled, weight(titled, "technical", spread=False))
    technical: list[tuple[tuple[bool, float], float, int, Slot]] = []
    behavioural: list[tuple[float, int, Slot]] = []
    for order, (bank, question, kind, named) in enumerate(asked):
        shared = [s for s in skills if s in named and KIND[s] == kind]
        slot = Slot(question, bank.name, shared[0] if shared else None)
        score = weight(named, kind, spread=True)
        if kind == "behavioural":
            lead = question.id == INTRO_ID
            behavioural.append((-1000.0 if lead else -score, order, slot))
        elif score:
            names_head, named_in_ad = role[bank.name]
            technical.append(((not names_head, -named_in_ad), -score, order, slot))
    tech = [slot for *_key, slot in sorted(technical, key=lambda t: t[:3])]
    behave = [slot for *_key, slot in sorted(behavioural, key=lambda t: t[:2])]
    if closing is not None:
        behave.append(closing)
    return tech, behave


def _draft_to_question(text: str, kind: str, skill: str, taken: set[str]) -> Question:
    draft = parse_bank_question(text)
    assert draft is not None  # only called on text that passed check_bank_question
    base = slug(draft.text)
    qid, n = base, 2
    while qid in taken:
        qid, n = f"{base}-{n}", n + 1
    points = []
    for point in draft.key_points:
        words = sorted(w for w in re.findall(r"[a-z][a-z-]{3,}", point.lower()) if content_stems(w))
        points.append(KeyPoint(point, tuple(dict.fromkeys(words)) or (point.lower(),)))
    category = slug(skill) if kind == "technical" else "behavioural"
    return Question(qid, draft.text, category, (45.0, 120.0), tuple(points), draft.model_answer)


def build_job_bank(
    job_ad: str,
    cv: str = "",
    count: int = DEFAULT_COUNT,
    model: LocalModel | None = None,
    on_token: TokenCallback | None = None,
    on_slot: Callable[[int, int, str], None] | None = None,
    cancel: threading.Event | None = None,
    on_result: Callable[[Slot], None] | None = None,
) -> JobBank:
    """Build the bank: about half technical, half behavioural, intro first, closing last.

    `on_slot(n, total, what)` is called before each question the model writes (for progress),
    `on_result(slot)` after it (the model's question, or the built-in one that replaced it);
    `on_token` streams the model's text. Raises Cancelled if `cancel` is set meanwhile.
    """
    if not job_ad.strip():
        raise BankError("The job ad is empty: paste its text or open its file.")
    count = max(2, count)
    skills = ranked_skills(job_ad, cv)
    tech_picks, behave_picks = pick_questions(job_ad, cv)
    closing = [s for s in behave_picks if s.question.closing]
    behave_picks = [s for s in behave_picks if not s.question.closing]
    body = count - len(closing)
    n_tech = min(body // 2, len(tech_picks)) if model is None else body // 2
    tech_skills = [s for s in skills if KIND[s] == "technical"]
    soft_skills = [s for s in skills if KIND[s] == "behavioural"]
    if model is None:
        slots = behave_picks[:1] + tech_picks[:n_tech] + behave_picks[1 : body - n_tech]
        return JobBank(role_title(job_ad), tuple(skills), tuple(slots + closing))

    plan: list[tuple[str, str]] = []  # (kind, skill) for each slot the model writes
    for n in range(body - 1):  # the introduction question stays the built-in one
        if n < n_tech and tech_skills:
            plan.append(("technical", tech_skills[n % len(tech_skills)]))
        else:
            soft = soft_skills[(n - n_tech) % len(soft_skills)] if soft_skills else "teamwork"
            plan.append(("behavioural", soft))
    slots: list[Slot] = behave_picks[:1]
    taken = {s.question.id for s in slots + closing}
    spare = {"technical": list(tech_picks), "behavioural": list(behave_picks[1:])}
    for n, (kind, skill) in enumerate(plan, start=1):
        if on_slot:
            on_slot(n, len(plan), f"{kind} question on {skill}")
        earlier = tuple(s.question.text for s in slots)
        outcome: Outcome = bank_question(model, kind, skill, job_ad, cv, earlier, on_token, cancel)
        if outcome.from_model:
            question = _draft_to_question(outcome.text, kind, skill, taken)
            slots.append(Slot(question, "model", skill))
            taken.add(question.id)
            if on_result:
                on_result(slots[-1])
            continue
        fallback = next((s for s in spare[kind] if s.question.id not in taken), None)
        if fallback is None:  # no built-in question of this kind left: take any
            other = "behavioural" if kind == "technical" else "technical"
            fallback = next((s for s in spare[other] if s.question.id not in taken), None)
        if fallback is not None:
            slots.append(dataclasses.replace(fallback, refused=outcome.problems))
            taken.add(fallback.question.id)
            if on_result:
                on_result(slots[-1])
    return JobBank(role_title(job_ad), tuple(skills), tuple(slots + closing))


def _question_table(question: Question) -> dict[str, Any]:
    """A question as its TOML table: every field the bank format knows, empty ones left out."""
    table: dict[str, Any] = {}
    for key, value in dataclasses.asdict(question).items():
        if key == "key_points":
            value = [
                {k: list(v) if isinstance(v, tuple) else v for k, v in point.items() if v}
                for point in value
            ]
        elif isinstance(value, tuple):
            value = list(value)
        if value not in (None, False, [], ""):
            table[key] = value
    return table


def write_job_bank(bank: JobBank, out: Path, source: str) -> Bank:
    """Write the bank atomically as TOML, load it back through the validator, return it."""
    out = Path(out).expanduser()
    if out.suffix.lower() != ".toml":
        raise BankError(f"{out}: the bank is written as TOML; name the file .toml")
    skills = ", ".join(bank.skills) or "none of the known skills"
    document = {
        "bank": {
            "title": f"{bank.title} (from a job ad)",
            "description": f"Built from {source} on {date.today():%Y-%m-%d}. Skills: {skills}.",
        },
        "questions": [_question_table(q) for q in bank.questions],
    }
    header = (
        f"# Questions for {bank.title}, built from {source} by `mockinterview banks from-job`.\n"
        "# Edit freely: the format is in assets/questions/README.md of MockInterview.\n\n"
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(header + tomli_w.dumps(document, multiline_strings=True), "utf-8")
        tmp.replace(out)
    except OSError as exc:
        raise BankError(f"{out}: cannot write the bank: {exc.strerror or exc}") from exc
    return load_bank_file(out)
