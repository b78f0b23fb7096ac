//! Finding a procedure from what a visitor types, as they type.
//!
//! Words are compared without accents or case (`đ` is `d`), each query word as
//! typed and as Telex (`ddawng` is `đăng`), whole or as the start of a word, and
//! with one typo allowed in words of [`TYPO_MIN_LEN`] letters or more. Every
//! query word must be found somewhere in a procedure. Procedures are ranked by
//! where their words were found — name (or code) before everyday words
//! (`keywords`) before field before dossier text — then by how much of the name
//! the query covers, then by catalogue order.
//!
//! [`SearchIndex`] is built once per catalogue: a sorted vocabulary of every
//! word with, for each, the procedures holding it and where. A keystroke then
//! looks up a few words of the vocabulary instead of reading every procedure.

mod text;
mod typo;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use wire::Procedure;

pub use text::fold;
use text::Word;

/// Shortest query word for which one typo is forgiven; shorter words are too
/// close to too many others.
pub const TYPO_MIN_LEN: usize = 4;

/// Where in a procedure a word was found, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
enum Source {
    /// Case names, documents and forms.
    Dossier = 0,
    /// The field (lĩnh vực).
    Field = 1,
    /// Everyday words people use for it.
    Keyword = 2,
    /// The English name.
    NameEn = 3,
    /// The Vietnamese name.
    Name = 4,
    /// The national code.
    Code = 5,
}

impl Source {
    fn weight(self) -> u32 {
        match self {
            Source::Dossier => 10,
            Source::Field => 20,
            Source::Keyword => 30,
            Source::NameEn | Source::Name | Source::Code => 40,
        }
    }

    fn from_bits(bits: u32) -> Self {
        match bits {
            5 => Source::Code,
            4 => Source::Name,
            3 => Source::NameEn,
            2 => Source::Keyword,
            1 => Source::Field,
            _ => Source::Dossier,
        }
    }
}

/// How well a query word met a word of the index, out of 10. A query word typed
/// with accents meets the same word with the same accents best: `đỏ` (red) is
/// `đỏ` before it is `do` (because).
const EXACT: u32 = 10;
const PREFIX: u32 = 7;
const TYPO: u32 = 6;
const OTHER_ACCENTS: u32 = 6;
const OTHER_ACCENTS_PREFIX: u32 = 5;
const OTHER_ACCENTS_TYPO: u32 = 4;

/// Bonus when the whole query is one of the procedure's everyday words ("giấy khai sinh").
const KEYWORD_EQUAL_BONUS: u32 = 350;
/// Bonus when a query of several words appears as written in the name.
const NAME_PHRASE_BONUS: u32 = 300;
/// Bonus when a query of several words appears as written in the field ("hộ tịch").
const FIELD_PHRASE_BONUS: u32 = 250;
/// Bonus when a query of several words appears as written in an everyday word.
const KEYWORD_PHRASE_BONUS: u32 = 150;

/// Bits of a per-word score that hold its [`Source`].
const SOURCE_BITS: u32 = 3;

/// A procedure holds a word, found in `source` (its best place).
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    source: Source,
}

/// What the ranking needs of a procedure beyond its words.
#[derive(Debug, Clone)]
struct Doc {
    code: String,
    /// Distinct words of the Vietnamese and English names.
    name_words: [u16; 2],
    /// Folded names, words separated by single spaces, with a space before and after.
    names: [String; 2],
    /// Folded everyday words, the same way.
    keywords: Vec<String>,
    /// Folded field names, the same way.
    fields: [String; 2],
}

/// Sorted words, each with the procedures that hold it.
#[derive(Debug, Clone, Default)]
struct Vocabulary {
    words: Vec<Box<str>>,
    postings: Vec<Vec<Posting>>,
}

impl Vocabulary {
    fn new(map: HashMap<String, Vec<Posting>>) -> Self {
        let mut entries: Vec<(String, Vec<Posting>)> = map.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let (words, postings) = entries
            .into_iter()
            .map(|(word, postings)| (word.into_boxed_str(), postings))
            .unzip();
        Self { words, postings }
    }

    /// Positions of the words starting with `form`.
    fn starting_with(&self, form: &str) -> std::ops::Range<usize> {
        let start = self.words.partition_point(|word| word.as_ref() < form);
        let end = start
            + self.words[start..]
                .iter()
                .take_while(|word| word.starts_with(form))
                .count();
        start..end
    }
}

/// A catalogue made ready for searching; build it once per catalogue.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every word without accents.
    folded: Vocabulary,
    /// Every word with its accents.
    accented: Vocabulary,
    /// Positions in `folded` by word length in bytes, for typo look-ups.
    by_length: Vec<Vec<u32>>,
    docs: Vec<Doc>,
}

/// Folded words of `text` with single spaces, and a space at each end, for phrase checks.
fn spaced(text: &str) -> String {
    let mut out = String::from(" ");
    for word in text::words(text) {
        out.push_str(&word.folded);
        out.push(' ');
    }
    out
}

/// One query word: as typed, and as Telex when that reads differently.
struct QueryWord {
    forms: Vec<Word>,
}

impl SearchIndex {
    /// The index of `procedures`, in catalogue order.
    pub fn new(procedures: &[Procedure]) -> Self {
        let mut folded: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut accented: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut docs = Vec::with_capacity(procedures.len());
        for (index, procedure) in procedures.iter().enumerate() {
            // Each word once per procedure, at its best place.
            let mut best_folded: HashMap<String, Source> = HashMap::new();
            let mut best_accented: HashMap<String, Source> = HashMap::new();
            let mut add = |text: &str, source: Source| {
                for word in text::words(text) {
                    let entry = best_folded.entry(word.folded).or_insert(source);
                    *entry = (*entry).max(source);
                    let entry = best_accented.entry(word.accented).or_insert(source);
                    *entry = (*entry).max(source);
                }
            };
            add(&procedure.code, Source::Code);
            add(&procedure.name.vi, Source::Name);
            add(&procedure.name.en, Source::NameEn);
            for keyword in &procedure.keywords {
                add(keyword, Source::Keyword);
            }
            add(&procedure.field.vi, Source::Field);
            add(&procedure.field.en, Source::Field);
            for dossier_case in &procedure.dossier {
                add(&dossier_case.case.vi, Source::Dossier);
                add(&dossier_case.case.en, Source::Dossier);
                for component in &dossier_case.components {
                    add(&component.name.vi, Source::Dossier);
                    add(&component.name.en, Source::Dossier);
                    if let Some(form) = &component.form {
                        add(form, Source::Dossier);
                    }
                }
            }
            let doc = index as u32;
            for (best, vocabulary) in [(best_folded, &mut folded), (best_accented, &mut accented)] {
                for (word, source) in best {
                    vocabulary
                        .entry(word)
                        .or_default()
                        .push(Posting { doc, source });
                }
            }
            let distinct = |text: &str| {
                let mut all: Vec<String> = text::words(text).map(|w| w.folded).collect();
                all.sort();
                all.dedup();
                all.len().min(u16::MAX as usize) as u16
            };
            docs.push(Doc {
                code: procedure.code.clone(),
                name_words: [distinct(&procedure.name.vi), distinct(&procedure.name.en)],
                names: [spaced(&procedure.name.vi), spaced(&procedure.name.en)],
                keywords: procedure.keywords.iter().map(|k| spaced(k)).collect(),
                fields: [spaced(&procedure.field.vi), spaced(&procedure.field.en)],
            });
        }
        let folded = Vocabulary::new(folded);
        let mut by_length: Vec<Vec<u32>> = Vec::new();
        for (position, word) in folded.words.iter().enumerate() {
            if by_length.len() <= word.len() {
                by_length.resize(word.len() + 1, Vec::new());
            }
            by_length[word.len()].push(position as u32);
        }
        Self {
            folded,
            accented: Vocabulary::new(accented),
            by_length,
            docs,
        }
    }

    /// Number of procedures indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no procedure is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Calls `found` with the postings of each word matching `form`, and how well.
    fn matches(&self, form: &Word, mut found: impl FnMut(&[Posting], u32)) {
        let (exact, prefix, typo) = if form.has_accents() {
            let same = self.accented.starting_with(&form.accented);
            for position in same {
                let whole = self.accented.words[position].len() == form.accented.len();
                found(
                    &self.accented.postings[position],
                    if whole { EXACT } else { PREFIX },
                );
            }
            (OTHER_ACCENTS, OTHER_ACCENTS_PREFIX, OTHER_ACCENTS_TYPO)
        } else {
            (EXACT, PREFIX, TYPO)
        };
        let folded = &form.folded;
        let starting = self.folded.starting_with(folded);
        for position in starting.clone() {
            let whole = self.folded.words[position].len() == folded.len();
            found(
                &self.folded.postings[position],
                if whole { exact } else { prefix },
            );
        }
        if folded.chars().count() < TYPO_MIN_LEN {
            return;
        }
        let length = folded.len();
        for bucket in length.saturating_sub(1)..=length + 1 {
            for &position in self.by_length.get(bucket).map(Vec::as_slice).unwrap_or(&[]) {
                let position = position as usize;
                // Words starting with the form were met above.
                if starting.contains(&position) {
                    continue;
                }
                if typo::within_one_typo(self.folded.words[position].as_bytes(), folded.as_bytes())
                {
                    found(&self.folded.postings[position], typo);
                }
            }
        }
    }

    /// Codes of the procedures matching every word of `query`, best first, at most
    /// `limit` of them. A query without words matches nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&str> {
        let query_words: Vec<QueryWord> = text::raw_words(query)
            .map(|raw| {
                let mut forms = vec![Word::new(raw)];
                if let Some(telex) = crate::telex::compose_word(raw) {
                    let telex = Word::new(&telex);
                    if !forms.contains(&telex) {
                        forms.push(telex);
                    }
                }
                QueryWord { forms }
            })
            .collect();
        if query_words.is_empty() || limit == 0 || self.docs.is_empty() {
            return Vec::new();
        }

        let n = self.docs.len();
        let mut total = vec![0u32; n];
        let mut matched = vec![0u16; n];
        let mut name_hits = vec![[0u16; 2]; n];
        // Per word: the best score of each procedure, its source in the low bits.
        let mut best = vec![0u32; n];
        for word in &query_words {
            best.fill(0);
            for form in &word.forms {
                self.matches(form, |postings, quality| {
                    for posting in postings {
                        let score = ((posting.source.weight() * quality) << SOURCE_BITS)
                            | posting.source as u32;
                        let slot = &mut best[posting.doc as usize];
                        if score > *slot {
                            *slot = score;
                        }
                    }
                });
            }
            for (doc, &score) in best.iter().enumerate() {
                if score == 0 {
                    continue;
                }
                total[doc] += score >> SOURCE_BITS;
                matched[doc] += 1;
                match Source::from_bits(score & ((1 << SOURCE_BITS) - 1)) {
                    Source::Name => name_hits[doc][0] += 1,
                    Source::NameEn => name_hits[doc][1] += 1,
                    _ => {}
                }
            }
        }

        // The whole query as a phrase, as typed and as Telex.
        let phrases: Vec<String> = (0..2)
            .map(|form| {
                let mut phrase = String::from(" ");
                for word in &query_words {
                    phrase.push_str(&word.forms.get(form).unwrap_or(&word.forms[0]).folded);
                    phrase.push(' ');
                }
                phrase
            })
            .collect();
        let several = query_words.len() > 1;
        let wanted = query_words.len() as u16;
        // (score, name coverage in thousandths, catalogue position)
        let mut hits: Vec<(u32, u32, u32)> = (0..n)
            .filter(|&doc| matched[doc] == wanted)
            .map(|doc| {
                let d = &self.docs[doc];
                let mut score = total[doc];
                for phrase in &phrases {
                    let open = &phrase[..phrase.len() - 1]; // the last word may be half typed
                    let mut bonus = 0;
                    if d.keywords.iter().any(|k| k == phrase) {
                        bonus = KEYWORD_EQUAL_BONUS;
                    } else if several && d.names.iter().any(|name| name.contains(open)) {
                        bonus = NAME_PHRASE_BONUS;
                    } else if several && d.fields.iter().any(|field| field.contains(open)) {
                        bonus = FIELD_PHRASE_BONUS;
                    } else if several && d.keywords.iter().any(|k| k.contains(open)) {
                        bonus = KEYWORD_PHRASE_BONUS;
                    }
                    score = score.max(total[doc] + bonus);
                }
                let coverage = (0..2)
                    .map(|i| {
                        (u32::from(name_hits[doc][i]) * 1000 / u32::from(d.name_words[i].max(1)))
                            .min(1000)
                    })
                    .max()
                    .unwrap_or(0);
                (score, coverage, doc as u32)
            })
            .collect();
        let order = |a: &(u32, u32, u32), b: &(u32, u32, u32)| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter()
            .map(|(_, _, doc)| self.docs[doc as usize].code.as_str())
            .collect()
    }
}
