namespace ClaimTracker.Language;

// What kind of source a mention most likely names; the same vocabulary as a ClaimTracker source's kind.
public enum PartyKind { Outlet, WireAgency, Broadcaster, Government, Official, Expert, Anonymous, Other }

// The words attribution is made of. Lists, not a model: each entry is a choice a reader can check.
internal static class Parties
{
    // Organisations that news cites by name. A run of capitalised words is cut after one of them, so that
    // "told Yonhap Kim Jong appears ..." names Yonhap, not "Yonhap Kim Jong".
    public static readonly Dictionary<string, PartyKind> KnownNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Yonhap"] = PartyKind.WireAgency, ["AFP"] = PartyKind.WireAgency, ["Agence France-Presse"] = PartyKind.WireAgency,
        ["Reuters"] = PartyKind.WireAgency, ["AP"] = PartyKind.WireAgency, ["Associated Press"] = PartyKind.WireAgency,
        ["The Associated Press"] = PartyKind.WireAgency, ["Xinhua"] = PartyKind.WireAgency, ["TASS"] = PartyKind.WireAgency,
        ["Interfax"] = PartyKind.WireAgency, ["RIA Novosti"] = PartyKind.WireAgency, ["KCNA"] = PartyKind.WireAgency,
        ["Korean Central News Agency"] = PartyKind.WireAgency, ["Kyodo"] = PartyKind.WireAgency, ["Bloomberg"] = PartyKind.WireAgency,
        ["ANI"] = PartyKind.WireAgency, ["PTI"] = PartyKind.WireAgency, ["dpa"] = PartyKind.WireAgency, ["EFE"] = PartyKind.WireAgency,
        ["YTN"] = PartyKind.Broadcaster, ["NHK"] = PartyKind.Broadcaster, ["BBC"] = PartyKind.Broadcaster, ["CNN"] = PartyKind.Broadcaster,
        ["Al Jazeera"] = PartyKind.Broadcaster, ["Fox News"] = PartyKind.Broadcaster, ["NBC"] = PartyKind.Broadcaster,
        ["CBS"] = PartyKind.Broadcaster, ["ABC"] = PartyKind.Broadcaster, ["KBS"] = PartyKind.Broadcaster, ["MBC"] = PartyKind.Broadcaster,
        ["SBS"] = PartyKind.Broadcaster, ["CCTV"] = PartyKind.Broadcaster, ["RT"] = PartyKind.Broadcaster, ["NPR"] = PartyKind.Broadcaster,
        ["The New York Times"] = PartyKind.Outlet, ["New York Times"] = PartyKind.Outlet, ["The Washington Post"] = PartyKind.Outlet,
        ["Washington Post"] = PartyKind.Outlet, ["The Wall Street Journal"] = PartyKind.Outlet, ["Wall Street Journal"] = PartyKind.Outlet,
        ["The Guardian"] = PartyKind.Outlet, ["Financial Times"] = PartyKind.Outlet, ["The Financial Times"] = PartyKind.Outlet,
        ["NDTV"] = PartyKind.Outlet, ["Politico"] = PartyKind.Outlet, ["Axios"] = PartyKind.Outlet, ["Le Monde"] = PartyKind.Outlet,
        ["Der Spiegel"] = PartyKind.Outlet, ["The Economist"] = PartyKind.Outlet, ["NK News"] = PartyKind.Outlet,
        ["Daily NK"] = PartyKind.Outlet, ["JoongAng Ilbo"] = PartyKind.Outlet, ["Chosun Ilbo"] = PartyKind.Outlet,
        ["The Korea Herald"] = PartyKind.Outlet, ["Korea Herald"] = PartyKind.Outlet, ["The Korea Times"] = PartyKind.Outlet,
        ["South China Morning Post"] = PartyKind.Outlet, ["Global Times"] = PartyKind.Outlet, ["People's Daily"] = PartyKind.Outlet,
        ["Yomiuri"] = PartyKind.Outlet, ["Asahi"] = PartyKind.Outlet, ["Kyiv Independent"] = PartyKind.Outlet, ["Sputnik"] = PartyKind.Outlet,
        ["Washington"] = PartyKind.Government, ["Seoul"] = PartyKind.Government, ["Moscow"] = PartyKind.Government,
        ["Beijing"] = PartyKind.Government, ["Pyongyang"] = PartyKind.Government, ["Tokyo"] = PartyKind.Government,
        ["Kyiv"] = PartyKind.Government, ["Kiev"] = PartyKind.Government, ["London"] = PartyKind.Government,
        ["Paris"] = PartyKind.Government, ["Berlin"] = PartyKind.Government, ["Brussels"] = PartyKind.Government,
        ["Tehran"] = PartyKind.Government, ["New Delhi"] = PartyKind.Government, ["Kremlin"] = PartyKind.Government,
        ["The Kremlin"] = PartyKind.Government, ["White House"] = PartyKind.Government, ["The White House"] = PartyKind.Government,
        ["Pentagon"] = PartyKind.Government, ["The Pentagon"] = PartyKind.Government, ["State Department"] = PartyKind.Government,
        ["The State Department"] = PartyKind.Government, ["Downing Street"] = PartyKind.Government, ["Blue House"] = PartyKind.Government,
    };

    // Countries and unions of them that speak as governments ("The United States has accused ...", "Iran said").
    // Only the kind comes from here: unlike KnownNames they do not cut a run, so "U.S. Army" stays whole.
    public static readonly HashSet<string> Governments = new(StringComparer.OrdinalIgnoreCase)
    {
        "United States", "United States of America", "US", "U.S", "U.S.", "USA", "America", "United Kingdom", "UK", "U.K",
        "U.K.", "Britain", "Great Britain", "European Union", "EU", "E.U", "E.U.", "United Nations", "UN", "U.N", "U.N.", "NATO",
        "African Union", "ASEAN", "North Korea", "South Korea", "Korea", "Russia", "China", "Japan", "Ukraine", "Iran", "Iraq",
        "Israel", "Syria", "Turkey", "Türkiye", "Saudi Arabia", "India", "Pakistan", "Afghanistan", "Taiwan", "France", "Germany",
        "Italy", "Spain", "Poland", "Canada", "Mexico", "Brazil", "Argentina", "Australia", "New Zealand", "Egypt", "Qatar",
        "United Arab Emirates", "UAE", "Lebanon", "Yemen", "Belarus", "Hungary", "Romania", "Finland",
        "Sweden", "Norway", "Denmark", "Netherlands", "the Netherlands", "Belgium", "Switzerland", "Austria", "Greece",
        "Vietnam", "Philippines", "the Philippines", "Indonesia", "Malaysia", "Singapore", "Thailand", "Myanmar", "Mongolia",
        "Kazakhstan", "Venezuela", "Cuba", "Colombia", "Chile", "Nigeria", "South Africa", "Ethiopia", "Kenya", "Sudan", "Libya",
    };

    // Heads of unnamed attributions: "an unidentified official", "people familiar with the matter", "experts".
    public static readonly HashSet<string> UnnamedHeads = new(StringComparer.Ordinal)
    {
        "official", "officials", "source", "sources", "authorities", "authority", "diplomat", "diplomats", "expert", "experts",
        "analyst", "analysts", "observer", "observers", "people", "person", "insider", "insiders", "aide", "aides", "media",
        "outlets", "outlet", "reports", "critics", "residents", "witnesses", "lawmakers", "officers", "investigators",
        "researchers", "scientists", "activists", "police", "intelligence", "administration", "government", "military",
        "spokesman", "spokeswoman", "spokesperson", "agencies", "agency", "economists", "economist", "doctors", "lawyers",
        "prosecutors", "historians", "commanders", "soldiers", "monitors", "ministers", "legislators", "senators",
        "negotiators", "eyewitnesses", "ministry", "department", "army", "company", "newspaper", "paper", "broadcaster",
        "court", "embassy", "office", "council", "committee", "commission", "regulator", "regulators", "campaign",
        "hospital", "military", "adviser", "advisers", "advisor", "advisors", "envoy", "envoys"
    };

    // "Kim Jong Un's sister", "the president's adviser": a possessive name before one of these names one person.
    public static readonly HashSet<string> RelationHeads = new(StringComparer.Ordinal)
    {
        "sister", "brother", "wife", "husband", "son", "daughter", "father", "mother", "aide", "adviser", "advisor",
        "spokesman", "spokeswoman", "spokesperson", "lawyer", "deputy", "envoy", "office", "campaign", "family",
    };

    // Abbreviated titles whose full stop does not end a name: "Sen. John Smith", "Gen. Mark Milley".
    public static readonly HashSet<string> TitleAbbreviations = new(StringComparer.Ordinal)
    {
        "sen", "gen", "rep", "gov", "dr", "mr", "mrs", "ms", "prof", "lt", "col", "capt", "sgt", "adm", "pres", "st", "maj", "cpl", "rev",
    };

    // Words that may stand in front of such a head without naming anyone.
    public static readonly HashSet<string> UnnamedModifiers = new(StringComparer.Ordinal)
    {
        "a", "an", "another", "the", "one", "two", "three", "four", "five", "several", "multiple", "some", "many", "most",
        "few", "other", "unidentified", "unnamed", "anonymous", "senior", "junior", "top", "high-ranking", "former", "current",
        "western", "local", "foreign", "military", "intelligence", "government", "administration", "defense", "defence",
        "security", "diplomatic", "media", "news", "and", "us", "u.s", "american", "south", "north", "korean", "russian",
        "chinese", "japanese", "ukrainian", "european", "british", "french", "german", "indian", "israeli", "iranian",
        "state", "independent", "regional", "informed", "knowledgeable", "briefed", "familiar",
    };

    // What follows "people" in "people familiar with the matter".
    public static readonly string[][] FamiliarityTails =
    [
        ["familiar", "with", "the", "matter"], ["familiar", "with", "the", "situation"], ["familiar", "with", "the", "plans"],
        ["familiar", "with", "the", "discussions"], ["familiar", "with", "the", "talks"], ["with", "knowledge", "of", "the", "matter"],
        ["briefed", "on", "the", "matter"],
    ];

    // Descriptors in front of a name ("Broadcaster YTN", "Kremlin spokesman Dmitry Peskov"): kept in the mention,
    // left out of the name, and a hint of the kind.
    public static readonly Dictionary<string, PartyKind> Descriptors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["broadcaster"] = PartyKind.Broadcaster, ["newspaper"] = PartyKind.Outlet, ["daily"] = PartyKind.Outlet,
        ["agency"] = PartyKind.WireAgency, ["president"] = PartyKind.Official, ["minister"] = PartyKind.Official,
        ["spokesman"] = PartyKind.Official, ["spokeswoman"] = PartyKind.Official, ["spokesperson"] = PartyKind.Official,
        ["secretary"] = PartyKind.Official, ["ambassador"] = PartyKind.Official, ["chairman"] = PartyKind.Official,
        ["senator"] = PartyKind.Official, ["governor"] = PartyKind.Official, ["general"] = PartyKind.Official,
        ["official"] = PartyKind.Official, ["expert"] = PartyKind.Expert, ["researcher"] = PartyKind.Expert,
        ["analyst"] = PartyKind.Expert, ["professor"] = PartyKind.Expert, ["dr"] = PartyKind.Expert,
        ["mr"] = PartyKind.Other, ["ms"] = PartyKind.Other, ["mrs"] = PartyKind.Other, ["sen"] = PartyKind.Official,
        ["gen"] = PartyKind.Official, ["rep"] = PartyKind.Official, ["gov"] = PartyKind.Official, ["prof"] = PartyKind.Expert,
        ["lt"] = PartyKind.Official, ["col"] = PartyKind.Official, ["capt"] = PartyKind.Official, ["adm"] = PartyKind.Official,
        ["sgt"] = PartyKind.Official, ["maj"] = PartyKind.Official, ["pres"] = PartyKind.Official,
    };

    // Lower-case words after an outlet's name that still belong to the mention: "Yonhap news agency".
    public static readonly HashSet<string> OutletTails = new(StringComparer.Ordinal)
    {
        "news", "agency", "newspaper", "daily", "broadcaster", "television", "tv", "radio", "website", "magazine", "channel", "network",
    };

    // Titles a possessive owns: "Iran's supreme leader", "China's defence minister", "the company's chief executive".
    public static readonly HashSet<string> Titles = new(StringComparer.Ordinal)
    {
        "leader", "leaders", "president", "premier", "chancellor", "minister", "ministry", "secretary", "chief", "head",
        "executive", "director", "commander", "commanders", "general", "envoy", "ambassador", "diplomat", "negotiator",
        "spokesman", "spokeswoman", "spokesperson", "official", "officials", "regulator", "prosecutor", "prosecutors",
        "military", "army", "navy", "government", "cabinet", "parliament", "office", "agency", "media", "embassy", "mission",
        "delegation", "representative", "lawyer", "lawyers", "adviser", "advisor", "aide", "aides", "king", "queen", "prince",
    };

    // Whom a statement is told without them passing it on: "told reporters that ...".
    public static readonly HashSet<string> Audiences = new(StringComparer.Ordinal)
    {
        "reporters", "journalists", "correspondents", "press",
    };

    public static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "he", "she" };

    // The last word of an institution's name says what it is: "U.S. Army", "Sejong Institute".
    public static readonly Dictionary<string, PartyKind> InstitutionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["army"] = PartyKind.Government, ["navy"] = PartyKind.Government, ["ministry"] = PartyKind.Government,
        ["department"] = PartyKind.Government, ["police"] = PartyKind.Government, ["court"] = PartyKind.Government,
        ["government"] = PartyKind.Government, ["administration"] = PartyKind.Government, ["embassy"] = PartyKind.Government,
        ["parliament"] = PartyKind.Government, ["congress"] = PartyKind.Government, ["senate"] = PartyKind.Government,
        ["cabinet"] = PartyKind.Government, ["office"] = PartyKind.Government, ["command"] = PartyKind.Government, ["service"] = PartyKind.Government,
        ["institute"] = PartyKind.Other, ["university"] = PartyKind.Other, ["organization"] = PartyKind.Other,
        ["organisation"] = PartyKind.Other, ["foundation"] = PartyKind.Other, ["group"] = PartyKind.Other,
        ["company"] = PartyKind.Other, ["corporation"] = PartyKind.Other, ["bank"] = PartyKind.Other, ["council"] = PartyKind.Other,
        ["commission"] = PartyKind.Other, ["committee"] = PartyKind.Other, ["center"] = PartyKind.Other, ["centre"] = PartyKind.Other,
        ["party"] = PartyKind.Other, ["union"] = PartyKind.Other, ["times"] = PartyKind.Outlet, ["post"] = PartyKind.Outlet,
        ["news"] = PartyKind.Outlet, ["journal"] = PartyKind.Outlet, ["herald"] = PartyKind.Outlet, ["tribune"] = PartyKind.Outlet,
    };

    // Capitalised at the start of a sentence or quotation, but never a source's name.
    public static readonly HashSet<string> NeverNames = new(StringComparer.Ordinal)
    {
        "we", "i", "you", "they", "it", "this", "that", "these", "those", "there", "here", "what", "who", "which", "if", "when",
    };

    // Words that join capitalised words inside one name: "University of North Korean Studies", "Ministry for ...".
    public static readonly HashSet<string> NameJoiners = new(StringComparer.Ordinal) { "of", "for", "at", "de", "du", "al", "bin", "van", "von", "and" };

    // The spelling a known name is written with: "the financial times" -> "The Financial Times".
    public static string? Canonical(string name) => CanonicalNames.Value.TryGetValue(name, out var canonical) ? canonical : null;

    private static readonly Lazy<Dictionary<string, string>> CanonicalNames =
        new(() => KnownNames.Keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase));

    // Between a subject and its reporting verb: "The Kremlin has refused", "officials also said".
    public static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal)
    {
        "has", "have", "had", "will", "would", "also", "did", "does", "do", "may", "might", "could", "reportedly",
        "previously", "earlier", "later", "separately", "repeatedly", "publicly", "privately", "not", "never", "still", "yet",
        // "the National Intelligence Service here claimed": where they spoke, not who.
        "here", "there",
    };

    // A form of "be" before a verb makes it passive ("Kim is expected to"): no one is named as the source.
    public static readonly HashSet<string> Be = new(StringComparer.Ordinal) { "is", "are", "was", "were", "be", "been", "being" };
}
