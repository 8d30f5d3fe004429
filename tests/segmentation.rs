//! Segmentation cases news text must get right: each names the input, the
//! tokens expected (space-separated), and the sentences expected.

use byline::document::TokenKind;
use byline::{Document, Segmenter};

fn segment(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    Segmenter::new().segment(&mut doc);
    doc
}

fn tokens(doc: &Document) -> Vec<&str> {
    (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect()
}

fn sentences(doc: &Document) -> Vec<String> {
    let chars: Vec<char> = doc.text.chars().collect();
    doc.sentences
        .iter()
        .map(|s| chars[s.start as usize..s.end as usize].iter().collect())
        .collect()
}

/// Assert the tokens (space-separated) and, when given, the sentences.
#[track_caller]
fn case(text: &str, expected_tokens: &str, expected_sentences: &[&str]) {
    let doc = segment(text);
    let want: Vec<&str> = expected_tokens.split(' ').collect();
    assert_eq!(tokens(&doc), want, "tokens of {text:?}");
    if !expected_sentences.is_empty() {
        assert_eq!(sentences(&doc), expected_sentences, "sentences of {text:?}");
    }
    // Offsets are code points and cover exactly the token text.
    let chars: Vec<char> = doc.text.chars().collect();
    for (i, t) in doc.tokens.iter().enumerate() {
        let by_chars: String = chars[t.start as usize..t.end as usize].iter().collect();
        assert_eq!(
            by_chars,
            doc.token_text(i),
            "offsets of token {i} in {text:?}"
        );
    }
}

/// Assert only the sentences.
#[track_caller]
fn sents(text: &str, expected: &[&str]) {
    assert_eq!(sentences(&segment(text)), expected, "sentences of {text:?}");
}

// --- Honorifics and abbreviations -------------------------------------------------

#[test]
fn honorific_mr() {
    case(
        "Mr. Trump spoke.",
        "Mr. Trump spoke .",
        &["Mr. Trump spoke."],
    );
}
#[test]
fn honorifics_mrs_dr() {
    case(
        "Mrs. Clinton and Dr. Fauci met.",
        "Mrs. Clinton and Dr. Fauci met .",
        &["Mrs. Clinton and Dr. Fauci met."],
    );
}
#[test]
fn titles_sen_gov() {
    case(
        "Sen. Warren and Gov. Newsom spoke.",
        "Sen. Warren and Gov. Newsom spoke .",
        &[],
    );
}
#[test]
fn military_ranks() {
    case(
        "Gen. Milley and Lt. Col. Vindman testified.",
        "Gen. Milley and Lt. Col. Vindman testified .",
        &[],
    );
}
#[test]
fn month_abbreviations() {
    case(
        "It is on Jan. 5 and Feb. 12.",
        "It is on Jan. 5 and Feb. 12 .",
        &["It is on Jan. 5 and Feb. 12."],
    );
}
#[test]
fn sept_eleven() {
    case(
        "The Sept. 11 attacks changed it.",
        "The Sept. 11 attacks changed it .",
        &[],
    );
}
#[test]
fn company_inc() {
    case(
        "Acme Inc. hired Jones.",
        "Acme Inc. hired Jones .",
        &["Acme Inc. hired Jones."],
    );
}
#[test]
fn company_co_corp() {
    case(
        "Acme Co. and Northwind Corp. merged.",
        "Acme Co. and Northwind Corp. merged .",
        &["Acme Co. and Northwind Corp. merged."],
    );
}
#[test]
fn suffix_jr() {
    case(
        "Martin Luther King Jr. spoke here.",
        "Martin Luther King Jr. spoke here .",
        &[],
    );
}
#[test]
fn us_army() {
    case(
        "The U.S. Army deployed.",
        "The U.S. Army deployed .",
        &["The U.S. Army deployed."],
    );
}
#[test]
fn un_vote() {
    case("The U.N. vote failed.", "The U.N. vote failed .", &[]);
}
#[test]
fn dc_mid_sentence() {
    case(
        "He lives in Washington, D.C. with his family.",
        "He lives in Washington , D.C. with his family .",
        &["He lives in Washington, D.C. with his family."],
    );
}
#[test]
fn dc_ends_sentence() {
    case(
        "He moved to Washington, D.C. The next day he left.",
        "He moved to Washington , D.C . The next day he left .",
        &["He moved to Washington, D.C.", "The next day he left."],
    );
}
#[test]
fn inc_ends_sentence() {
    sents(
        "She sued Acme Inc. The company declined to comment.",
        &["She sued Acme Inc.", "The company declined to comment."],
    );
}
#[test]
fn us_at_paragraph_end_stays_whole() {
    case(
        "He lives in the U.S.",
        "He lives in the U.S.",
        &["He lives in the U.S."],
    );
}
#[test]
fn middle_initial() {
    case(
        "Kirstjen M. Nielsen, the secretary, spoke.",
        "Kirstjen M. Nielsen , the secretary , spoke .",
        &["Kirstjen M. Nielsen, the secretary, spoke."],
    );
}
#[test]
fn middle_initial_bush() {
    case(
        "George W. Bush spoke.",
        "George W. Bush spoke .",
        &["George W. Bush spoke."],
    );
}
#[test]
fn initials_gk() {
    case(
        "Rep. G.K. Butterfield agreed.",
        "Rep. G.K. Butterfield agreed .",
        &[],
    );
}
#[test]
fn times_pm() {
    case(
        "The talks ended at 5 p.m. on Friday.",
        "The talks ended at 5 p.m. on Friday .",
        &[],
    );
}
#[test]
fn number_prefix_no() {
    case(
        "He lives at No. 10 Downing Street.",
        "He lives at No. 10 Downing Street .",
        &[],
    );
}
#[test]
fn no_as_word() {
    case(
        "He said no. Then he left.",
        "He said no . Then he left .",
        &["He said no.", "Then he left."],
    );
}
#[test]
fn eg_is_not_a_sentence_end() {
    sents(
        "Some plans, e.g. the tax plan, failed.",
        &["Some plans, e.g. the tax plan, failed."],
    );
}
#[test]
fn et_al_ends_sentence() {
    sents(
        "So wrote Smith et al. The study was small.",
        &["So wrote Smith et al.", "The study was small."],
    );
}
#[test]
fn all_caps_title() {
    case(
        "SEN. WARREN SPEAKS",
        "SEN. WARREN SPEAKS",
        &["SEN. WARREN SPEAKS"],
    );
}
#[test]
fn party_state_affiliation() {
    case(
        "Sen. Lindsey Graham (R-S.C.) told reporters.",
        "Sen. Lindsey Graham ( R-S.C. ) told reporters .",
        &["Sen. Lindsey Graham (R-S.C.) told reporters."],
    );
}
#[test]
fn party_and_state_abbreviation_is_not_a_sentence_end() {
    case(
        "Rep. Gwen Moore (D-Wis.) said Friday. Sen. Mitch McConnell, R-Ky., agreed.",
        "Rep. Gwen Moore ( D-Wis. ) said Friday . Sen. Mitch McConnell , R-Ky. , agreed .",
        &[
            "Rep. Gwen Moore (D-Wis.) said Friday.",
            "Sen. Mitch McConnell, R-Ky., agreed.",
        ],
    );
}
#[test]
fn state_abbreviation() {
    case(
        "He was born in Pasadena, Calif. in 1950.",
        "He was born in Pasadena , Calif. in 1950 .",
        &[],
    );
}

// --- Numbers, money, times, dates --------------------------------------------------

#[test]
fn numbers_with_commas_and_points() {
    case(
        "It rose 1,000 and 3.14 and 1,234,567.89.",
        "It rose 1,000 and 3.14 and 1,234,567.89 .",
        &[],
    );
}
#[test]
fn percentages() {
    case(
        "Turnout was 45.5% in 2016.",
        "Turnout was 45.5 % in 2016 .",
        &[],
    );
}
#[test]
fn dollars() {
    case("It cost $5.2 billion.", "It cost $ 5.2 billion .", &[]);
}
#[test]
fn euros_and_pounds() {
    case("It cost €30 and £12.", "It cost € 30 and £ 12 .", &[]);
}
#[test]
fn us_dollars_prefix() {
    case("A US$5 million fine.", "A US$ 5 million fine .", &[]);
}
#[test]
fn clock_times() {
    case(
        "The vote was at 10:30 a.m. Tuesday.",
        "The vote was at 10:30 a.m. Tuesday .",
        &[],
    );
}
#[test]
fn dates() {
    case(
        "On 2018-10-25 and 10/25/2018 it rained.",
        "On 2018-10-25 and 10/25/2018 it rained .",
        &[],
    );
}
#[test]
fn negative_and_decimal_numbers() {
    case(
        "Growth was -0.5 and .25 points.",
        "Growth was -0.5 and .25 points .",
        &[],
    );
}
#[test]
fn ages_and_ordinals() {
    case("The 5-year-old came 3rd.", "The 5-year-old came 3rd .", &[]);
}
#[test]
fn decades() {
    case(
        "Back in the '90s it was fine.",
        "Back in the '90s it was fine .",
        &[],
    );
}

// --- URLs, e-mails, handles, hashtags ----------------------------------------------

#[test]
fn url_with_final_period() {
    case(
        "See https://www.nytimes.com/2018/10/25/us/politics.html.",
        "See https://www.nytimes.com/2018/10/25/us/politics.html .",
        &[],
    );
}
#[test]
fn www_url() {
    case(
        "Visit www.example.org for details.",
        "Visit www.example.org for details .",
        &[],
    );
}
#[test]
fn email_address() {
    case(
        "Write to press@example.org, please.",
        "Write to press@example.org , please .",
        &[],
    );
}
#[test]
fn twitter_handle() {
    case(
        "@realDonaldTrump tweeted it.",
        "@realDonaldTrump tweeted it .",
        &[],
    );
}
#[test]
fn hashtag() {
    case("The #MAGA rally, #2020.", "The #MAGA rally , #2020 .", &[]);
}
#[test]
fn handle_in_parentheses() {
    case("(via @JohnMelloy)", "( via @JohnMelloy )", &[]);
}
#[test]
fn handle_glued_to_hashtag() {
    case(
        "with @HillaryClinton.#The411",
        "with @HillaryClinton . #The411",
        &[],
    );
}
#[test]
fn token_kinds_of_atoms() {
    let doc = segment("@a #b c@d.org https://e.com $ 5");
    let kinds: Vec<TokenKind> = doc.tokens.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TokenKind::Handle,
            TokenKind::Hashtag,
            TokenKind::Email,
            TokenKind::Url,
            TokenKind::Currency,
            TokenKind::Number
        ]
    );
}

// --- Possessives and contractions ---------------------------------------------------

#[test]
fn possessive() {
    case("Trump's plan failed.", "Trump 's plan failed .", &[]);
}
#[test]
fn curly_possessive() {
    case("Trump’s plan failed.", "Trump ’s plan failed .", &[]);
}
#[test]
fn plural_possessive() {
    case(
        "The officials' claims differ.",
        "The officials ' claims differ .",
        &[],
    );
}
#[test]
fn negations() {
    case(
        "I don't, can't and won't.",
        "I do n't , ca n't and wo n't .",
        &[],
    );
}
#[test]
fn cannot() {
    case("We cannot stop.", "We can not stop .", &[]);
}
#[test]
fn clitics() {
    case(
        "They're sure we'll win, I'm told; he'd say we've seen it.",
        "They 're sure we 'll win , I 'm told ; he 'd say we 've seen it .",
        &[],
    );
}
#[test]
fn curly_negation() {
    case("Don’t go.", "Do n’t go .", &[]);
}
#[test]
fn apostrophe_in_name() {
    case(
        "O'Neill's office called.",
        "O'Neill 's office called .",
        &[],
    );
}
#[test]
fn pretokenized_clitics_stay() {
    case(
        "Trump 's plan do n't work .",
        "Trump 's plan do n't work .",
        &[],
    );
}

// --- Quotes ----------------------------------------------------------------------------

#[test]
fn straight_quotes() {
    let doc = segment("He said \"no\" to them.");
    assert_eq!(
        tokens(&doc),
        ["He", "said", "\"", "no", "\"", "to", "them", "."]
    );
    assert_eq!(doc.tokens[2].kind, TokenKind::OpenQuote);
    assert_eq!(doc.tokens[4].kind, TokenKind::CloseQuote);
}
#[test]
fn curly_quotes() {
    case(
        "“Yes,” she said.",
        "“ Yes , ” she said .",
        &["“Yes,” she said."],
    );
}
#[test]
fn ptb_quotes() {
    let doc = segment("``Yes,'' she said.");
    assert_eq!(tokens(&doc), ["``", "Yes", ",", "''", "she", "said", "."]);
    assert_eq!(doc.tokens[0].kind, TokenKind::OpenQuote);
    assert_eq!(doc.tokens[3].kind, TokenKind::CloseQuote);
}
#[test]
fn nyt_double_apostrophe_opens_quotes() {
    let doc = segment("''It's over,'' he said.");
    assert_eq!(doc.tokens[0].kind, TokenKind::OpenQuote);
    assert_eq!(
        tokens(&doc),
        ["''", "It", "'s", "over", ",", "''", "he", "said", "."]
    );
}
#[test]
fn nested_single_quotes() {
    let doc = segment("“He told me ‘no way,’ ” she said.");
    assert_eq!(
        tokens(&doc),
        ["“", "He", "told", "me", "‘", "no", "way", ",", "’", "”", "she", "said", "."]
    );
    assert_eq!(doc.tokens[4].kind, TokenKind::OpenQuote);
    assert_eq!(doc.tokens[8].kind, TokenKind::CloseQuote);
}
#[test]
fn single_quotes_after_plural() {
    let doc = segment("He called them ‘the officials’ again.");
    let close = doc
        .tokens
        .iter()
        .position(|t| t.kind == TokenKind::CloseQuote);
    assert_eq!(close.map(|i| doc.token_text(i)), Some("’"));
}
#[test]
fn quote_closing_before_attribution() {
    case(
        "“I am bringing out the military for this National Emergency,” the president said.",
        "“ I am bringing out the military for this National Emergency , ” the president said .",
        &["“I am bringing out the military for this National Emergency,” the president said."],
    );
}
#[test]
fn sentence_ends_inside_quote_with_attribution_after() {
    sents(
        "“They will be stopped!” he said.",
        &["“They will be stopped!” he said."],
    );
}
#[test]
fn quote_ending_a_sentence() {
    sents(
        "“Stop!” The crowd roared.",
        &["“Stop!”", "The crowd roared."],
    );
}
#[test]
fn quote_spanning_sentences() {
    sents(
        "“We are here. We are staying,” she said.",
        &["“We are here.", "We are staying,” she said."],
    );
}
#[test]
fn colon_introduced_quote() {
    sents(
        "He said: “We won. It’s over.” Then he left.",
        &["He said: “We won.", "It’s over.”", "Then he left."],
    );
}
#[test]
fn period_inside_closing_quote() {
    case(
        "He called it “a disgrace.”",
        "He called it “ a disgrace . ”",
        &["He called it “a disgrace.”"],
    );
}
#[test]
fn abbreviation_before_closing_quote() {
    sents(
        "“It’s the U.S.” That was all.",
        &["“It’s the U.S.”", "That was all."],
    );
}

// --- Dashes, ellipses, brackets --------------------------------------------------------

#[test]
fn dateline_em_dash() {
    case(
        "WASHINGTON — President Trump is preparing.",
        "WASHINGTON — President Trump is preparing .",
        &["WASHINGTON — President Trump is preparing."],
    );
}
#[test]
fn em_dash_without_spaces() {
    case("the border—and beyond", "the border — and beyond", &[]);
}
#[test]
fn en_dash_range() {
    case("in 2015–2016", "in 2015 – 2016", &[]);
}
#[test]
fn double_hyphen() {
    case("wait--what", "wait -- what", &[]);
}
#[test]
fn hyphenated_words_stay_whole() {
    case(
        "the so-called African-American front-runner",
        "the so-called African-American front-runner",
        &[],
    );
}
#[test]
fn suspended_hyphen() {
    case(
        "coal- and gas-fired plants",
        "coal - and gas-fired plants",
        &[],
    );
}
#[test]
fn ascii_ellipsis() {
    case("Well... maybe.", "Well ... maybe .", &["Well... maybe."]);
}
#[test]
fn unicode_ellipsis_before_capital() {
    sents(
        "It was over… Then it began.",
        &["It was over…", "Then it began."],
    );
}
#[test]
fn parentheses() {
    case(
        "The group (formerly X) met.",
        "The group ( formerly X ) met .",
        &[],
    );
}
#[test]
fn brackets() {
    case("He [sic] said.", "He [ sic ] said .", &[]);
}
#[test]
fn sentence_in_parentheses() {
    sents(
        "He left. (He was tired.) Then he slept.",
        &["He left.", "(He was tired.)", "Then he slept."],
    );
}

// --- Sentences, paragraphs, headlines --------------------------------------------------

#[test]
fn question_and_exclamation() {
    sents("Why? Because! Fine.", &["Why?", "Because!", "Fine."]);
}
#[test]
fn interrobang() {
    case(
        "What?! No way.",
        "What ? ! No way .",
        &["What?!", "No way."],
    );
}
#[test]
fn headline_without_punctuation() {
    let doc = segment(
        "Trump to Order Troops, Official Says\n\nWASHINGTON — President Trump is preparing.",
    );
    assert_eq!(doc.paragraphs.len(), 2);
    assert_eq!(
        sentences(&doc),
        [
            "Trump to Order Troops, Official Says",
            "WASHINGTON — President Trump is preparing."
        ]
    );
}
#[test]
fn dateline_on_single_newline() {
    let doc = segment("Markets Fall\nLONDON (Reuters) - Prices fell.");
    assert_eq!(
        sentences(&doc),
        ["Markets Fall", "LONDON (Reuters) - Prices fell."]
    );
}
#[test]
fn paragraphs_by_newline_and_blank_line() {
    let doc = segment("One.\nTwo.\n\nThree.");
    assert_eq!(doc.paragraphs.len(), 3);
    assert_eq!(
        doc.sentences
            .iter()
            .map(|s| s.paragraph)
            .collect::<Vec<_>>(),
        [0, 1, 2]
    );
}
#[test]
fn hard_wrapped_lines_join() {
    let doc = segment("The senator said\nthat the bill would pass.");
    assert_eq!(doc.paragraphs.len(), 1);
    assert_eq!(doc.sentences.len(), 1);
}
#[test]
fn windows_newlines() {
    let doc = segment("One.\r\n\r\nTwo.");
    assert_eq!(sentences(&doc), ["One.", "Two."]);
}
#[test]
fn no_sentence_across_paragraphs() {
    let doc = segment("He said\n\nThe end");
    assert_eq!(doc.sentences.len(), 2);
}

// --- Whitespace, Unicode, offsets ------------------------------------------------------

#[test]
fn non_breaking_space() {
    case(
        "Hillary Clinton\u{a0}was there.",
        "Hillary Clinton was there .",
        &[],
    );
}
#[test]
fn zero_width_space() {
    case("a\u{200b}b c", "a b c", &[]);
}
#[test]
fn tabs_and_runs_of_spaces() {
    case("  He \t  left .  ", "He left .", &["He \t  left ."]);
}
#[test]
fn code_point_offsets() {
    let doc = segment("Café “Noël” 2€");
    let spans: Vec<(u32, u32)> = doc.tokens.iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(
        spans,
        [(0, 4), (5, 6), (6, 10), (10, 11), (12, 13), (13, 14)]
    );
}
#[test]
fn emoji_offsets() {
    let doc = segment("Wow 😀 great.");
    let spans: Vec<(u32, u32)> = doc.tokens.iter().map(|t| (t.start, t.end)).collect();
    assert_eq!(spans, [(0, 3), (4, 5), (6, 11), (11, 12)]);
}
#[test]
fn markup_tag_is_one_token() {
    let doc = segment("<tweet tweet-id=\"1\">Hello</tweet>.");
    assert_eq!(
        tokens(&doc),
        ["<tweet tweet-id=\"1\">", "Hello", "</tweet>", "."]
    );
    assert_eq!(doc.tokens[0].kind, TokenKind::Markup);
}
#[test]
fn stray_marks_do_not_crash() {
    let doc = segment("\" ” ’ ' `` '' — ... (( )) $ % # @ .");
    assert!(!doc.tokens.is_empty());
}
