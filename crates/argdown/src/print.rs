//! Argdown text from a [`Document`]: the front matter, then section by section the statement
//! and argument definitions and premise-conclusion structures in the order they were written,
//! then references that carry extra tags or data, then the relations as one indented list per
//! element. Texts are escaped wherever Argdown would read syntax into them.
//!
//! Statements whose generated title Argdown would generate again when reading the output
//! (`Untitled 1`, `Untitled 2`, ... in the order they are printed) are printed without a
//! title; when that order cannot be kept, every generated title is printed.

use super::lexer::{special_char, tag_char};
use super::text::shortcode_for;
use super::{
    is_generated_title, Argument, Document, Inference, Node, Range, RangeKind, RelationKind,
    Statement,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

pub(super) fn print(doc: &Document) -> String {
    let anonymous = candidates(doc);
    if !anonymous.is_empty() {
        let mut printer = Printer::new(doc, anonymous);
        printer.document();
        if printer.numbering_holds() {
            return printer.out;
        }
    }
    let mut printer = Printer::new(doc, HashSet::new());
    printer.document();
    printer.out
}

/// The elements that may be printed without their generated title: used once, in no relation.
fn candidates(doc: &Document) -> HashSet<Node> {
    let mut related = HashSet::new();
    for relation in &doc.relations {
        for node in [&relation.from, &relation.to] {
            match node {
                Node::Inference { argument, .. } => {
                    related.insert(Node::Argument(argument.clone()))
                }
                node => related.insert(node.clone()),
            };
        }
    }
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for argument in &doc.arguments {
        for step in argument.pcs.iter().flat_map(|p| &p.statements) {
            *uses.entry(step.title.as_str()).or_default() += 1;
        }
    }
    let mut nodes = HashSet::new();
    for statement in &doc.statements {
        let node = Node::Statement(statement.title.clone());
        if statement.has_generated_title()
            && statement.members.len() == 1
            && uses.get(statement.title.as_str()).copied().unwrap_or(0) <= 1
            && !related.contains(&node)
            && statement.tags == statement.members[0].tags
            && statement.data == statement.members[0].data
        {
            nodes.insert(node);
        }
    }
    for argument in &doc.arguments {
        let node = Node::Argument(argument.title.clone());
        if is_generated_title(&argument.title)
            && argument.pcs.is_some()
            && argument.descriptions.is_empty()
            && argument.tags.is_empty()
            && argument.data.is_none()
            && !related.contains(&node)
        {
            nodes.insert(node);
        }
    }
    nodes
}

/// Something printed at the top level of a section, in the order it was written.
#[derive(Clone, Copy)]
enum Unit {
    Member(usize, usize),
    Description(usize, usize),
    Pcs(usize),
}

struct Printer<'a> {
    doc: &'a Document,
    anonymous: HashSet<Node>,
    out: String,
    /// The titles Argdown will generate, in the order it will generate them.
    generated: Vec<String>,
    /// Whether the last block printed is an argument (a structure after it would be its).
    after_argument: bool,
    /// Members printed inside a structure: (statement, member).
    inline: HashSet<(usize, usize)>,
    statement_index: HashMap<&'a str, usize>,
}

impl<'a> Printer<'a> {
    fn new(doc: &'a Document, anonymous: HashSet<Node>) -> Self {
        Printer {
            doc,
            anonymous,
            out: String::new(),
            generated: Vec::new(),
            after_argument: false,
            inline: HashSet::new(),
            statement_index: doc
                .statements
                .iter()
                .enumerate()
                .map(|(i, s)| (s.title.as_str(), i))
                .collect(),
        }
    }

    /// Whether reading the output back generates the titles the document has.
    fn numbering_holds(&self) -> bool {
        let n = self.generated.len();
        let in_order = self
            .generated
            .iter()
            .enumerate()
            .all(|(i, title)| *title == format!("Untitled {}", i + 1));
        let printed_titles = self
            .doc
            .statements
            .iter()
            .map(|s| Node::Statement(s.title.clone()))
            .chain(
                self.doc
                    .arguments
                    .iter()
                    .map(|a| Node::Argument(a.title.clone())),
            )
            .filter(|node| !self.anonymous.contains(node));
        let clash = printed_titles.into_iter().any(|node| {
            let (Node::Statement(title) | Node::Argument(title)) = &node else {
                return false;
            };
            title
                .strip_prefix("Untitled ")
                .and_then(|k| k.parse::<usize>().ok())
                .is_some_and(|k| k >= 1 && k <= n)
        });
        in_order && !clash
    }

    fn block_break(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }

    fn document(&mut self) {
        let doc = self.doc;
        if let Some(front) = &doc.front_matter {
            self.out.push_str("===");
            self.out.push_str(front);
            self.out.push_str("===\n");
        }
        // Which members are written inside a structure: on the line of its number, after it.
        for argument in &doc.arguments {
            for step in argument.pcs.iter().flat_map(|p| &p.statements) {
                let Some(&s) = self.statement_index.get(step.title.as_str()) else {
                    continue;
                };
                let found = doc.statements[s]
                    .members
                    .iter()
                    .enumerate()
                    .find(|(m, member)| {
                        step.location.line > 0
                            && member.location.line == step.location.line
                            && member.location.column > step.location.column
                            && !self.inline.contains(&(s, *m))
                    });
                if let Some((m, _)) = found {
                    self.inline.insert((s, m));
                }
            }
        }
        // Units per section, in the order written; each statement's members (and each
        // argument's descriptions) keep their own order.
        let mut units: Vec<(Option<usize>, (usize, usize), Unit)> = Vec::new();
        for (s, statement) in doc.statements.iter().enumerate() {
            for (m, member) in statement.members.iter().enumerate() {
                if !self.inline.contains(&(s, m)) {
                    let at = (member.location.line, member.location.column);
                    units.push((member.section, at, Unit::Member(s, m)));
                }
            }
        }
        for (a, argument) in doc.arguments.iter().enumerate() {
            for (d, description) in argument.descriptions.iter().enumerate() {
                let at = (description.location.line, description.location.column);
                units.push((description.section, at, Unit::Description(a, d)));
            }
            if let Some(pcs) = &argument.pcs {
                let at = (pcs.location.line, pcs.location.column);
                units.push((pcs.section, at, Unit::Pcs(a)));
            }
        }
        units.sort_by_key(|(section, at, _)| (section.map_or(0, |s| s + 1), *at));
        let mut slots: HashMap<(bool, usize), Vec<usize>> = HashMap::new();
        for (i, (_, _, unit)) in units.iter().enumerate() {
            match unit {
                Unit::Member(s, _) => slots.entry((true, *s)).or_default().push(i),
                Unit::Description(a, _) => slots.entry((false, *a)).or_default().push(i),
                Unit::Pcs(_) => {}
            }
        }
        let original = units.clone();
        for positions in slots.into_values() {
            let mut items: Vec<Unit> = positions.iter().map(|&i| original[i].2).collect();
            items.sort_by_key(|unit| match unit {
                Unit::Member(_, m) | Unit::Description(_, m) => *m,
                Unit::Pcs(_) => 0,
            });
            for (&i, item) in positions.iter().zip(items) {
                units[i].2 = item;
            }
        }
        let mut next = 0;
        let mut section_of = |section: Option<usize>, printer: &mut Self| {
            while next < units.len() && units[next].0 == section {
                printer.unit(units[next].2);
                next += 1;
            }
        };
        section_of(None, self);
        for (i, section) in doc.sections.iter().enumerate() {
            self.block_break();
            self.out.push_str(&"#".repeat(section.level.max(1)));
            self.out.push(' ');
            self.content(&section.title, &section.ranges, false);
            self.data(&section.data);
            self.out.push('\n');
            self.after_argument = false;
            section_of(Some(i), self);
        }
        // Anything left (a section index out of range) goes last.
        while next < units.len() {
            self.unit(units[next].2);
            next += 1;
        }
        self.references();
        self.relations();
    }

    fn unit(&mut self, unit: Unit) {
        let doc = self.doc;
        match unit {
            Unit::Member(s, m) => {
                let statement = &doc.statements[s];
                let member = &statement.members[m];
                self.block_break();
                let anonymous = self
                    .anonymous
                    .contains(&Node::Statement(statement.title.clone()));
                if anonymous {
                    self.generated.push(statement.title.clone());
                    self.content(&member.text, &member.ranges, true);
                } else {
                    self.definition('[', ']', &statement.title, &member.text, &member.ranges);
                }
                self.data(&member.data);
                self.out.push('\n');
                self.after_argument = false;
            }
            Unit::Description(a, d) => {
                let argument = &doc.arguments[a];
                let description = &argument.descriptions[d];
                self.block_break();
                self.definition(
                    '<',
                    '>',
                    &argument.title,
                    &description.text,
                    &description.ranges,
                );
                self.data(&description.data);
                self.out.push('\n');
                self.after_argument = true;
            }
            Unit::Pcs(a) => self.pcs(&doc.arguments[a]),
        }
    }

    /// `[Title]: text` or `<Title>: text`.
    fn definition(&mut self, open: char, close: char, title: &str, text: &str, ranges: &[Range]) {
        self.out.push(open);
        self.out.push_str(title);
        self.out.push(close);
        self.out.push(':');
        self.out.push(' ');
        self.content(text, ranges, false);
    }

    /// A statement's, description's or heading's text; an empty one as an escaped space, which
    /// is empty once trimmed, since nothing at all would be no statement, and no heading but
    /// at the end of the document.
    fn content(&mut self, text: &str, ranges: &[Range], line_start: bool) {
        if text.is_empty() {
            self.out.push_str("\\ ");
        } else {
            self.text(text, ranges, line_start);
        }
    }

    fn pcs(&mut self, argument: &Argument) {
        let Some(pcs) = &argument.pcs else { return };
        let doc = self.doc;
        self.block_break();
        let node = Node::Argument(argument.title.clone());
        if self.anonymous.contains(&node) && !self.after_argument {
            self.generated.push(argument.title.clone());
        } else {
            self.out.push('<');
            self.out.push_str(&argument.title);
            self.out.push_str(">\n\n");
        }
        for (i, step) in pcs.statements.iter().enumerate() {
            if let Some(inference) = &step.inference {
                self.inference(inference);
                let target = Node::Inference {
                    argument: argument.title.clone(),
                    conclusion: i,
                };
                for relation in &doc.relations {
                    if relation.to == target && relation.kind == RelationKind::Undercut {
                        self.out.push_str("    <_ ");
                        self.node(&relation.from);
                        self.out.push('\n');
                    }
                }
            }
            write!(self.out, "({}) ", i + 1).unwrap();
            let statement = self.statement_index.get(step.title.as_str()).copied();
            let member = statement.and_then(|s| {
                let members = &doc.statements[s].members;
                (0..members.len())
                    .find(|&m| {
                        self.inline.contains(&(s, m))
                            && members[m].location.line == step.location.line
                    })
                    .map(|m| (s, m))
            });
            match member {
                Some((s, m)) => {
                    let statement: &Statement = &doc.statements[s];
                    let member = &statement.members[m];
                    if self
                        .anonymous
                        .contains(&Node::Statement(statement.title.clone()))
                    {
                        self.generated.push(statement.title.clone());
                        self.content(&member.text, &member.ranges, false);
                    } else {
                        self.definition('[', ']', &statement.title, &member.text, &member.ranges);
                    }
                    self.data(&member.data);
                }
                None => {
                    self.out.push('[');
                    self.out.push_str(&step.title);
                    self.out.push(']');
                }
            }
            self.out.push('\n');
        }
        self.after_argument = false;
    }

    fn inference(&mut self, inference: &Inference) {
        if inference.rules.is_empty() && inference.data.is_none() {
            self.out.push_str("----\n");
            return;
        }
        self.out.push_str("--");
        for (i, rule) in inference.rules.iter().enumerate() {
            self.out.push_str(if i == 0 { " " } else { ", " });
            for (at, c) in rule.char_indices() {
                let escape = matches!(c, '\\' | ',' | '{' | '-' | '<')
                    || (c == '/' && rule[at + 1..].starts_with(['/', '*']))
                    || (matches!(c, '.' | ':') && special_char(&rule[at..]).is_some());
                if escape {
                    self.out.push('\\');
                }
                self.out.push(c);
            }
        }
        self.data(&inference.data);
        self.out.push_str(" --\n");
    }

    /// References that add tags or data the members do not carry, and those of elements with
    /// no text at all.
    fn references(&mut self) {
        let doc = self.doc;
        for statement in &doc.statements {
            let mut own_tags = Vec::new();
            let mut own_data = None;
            for member in &statement.members {
                for tag in &member.tags {
                    if !own_tags.contains(tag) {
                        own_tags.push(tag.clone());
                    }
                }
                if let Some(data) = &member.data {
                    super::parser::merge(&mut own_data, data);
                }
            }
            let extra: Vec<&String> = statement
                .tags
                .iter()
                .filter(|t| !own_tags.contains(t))
                .collect();
            let data = (statement.data != own_data)
                .then_some(&statement.data)
                .cloned()
                .flatten();
            let used = statement.members.is_empty()
                && !doc.arguments.iter().any(|a| {
                    a.pcs
                        .iter()
                        .flat_map(|p| &p.statements)
                        .any(|s| s.title == statement.title)
                });
            if extra.is_empty() && data.is_none() && !used {
                continue;
            }
            self.block_break();
            self.out.push('[');
            self.out.push_str(&statement.title);
            self.out.push(']');
            self.tags(&extra);
            self.data(&data);
            self.out.push('\n');
            self.after_argument = false;
        }
        for argument in &doc.arguments {
            let mut own_tags = Vec::new();
            let mut own_data = None;
            for description in &argument.descriptions {
                for tag in &description.tags {
                    if !own_tags.contains(tag) {
                        own_tags.push(tag.clone());
                    }
                }
                if let Some(data) = &description.data {
                    super::parser::merge(&mut own_data, data);
                }
            }
            let extra: Vec<&String> = argument
                .tags
                .iter()
                .filter(|t| !own_tags.contains(t))
                .collect();
            let data = (argument.data != own_data)
                .then_some(&argument.data)
                .cloned()
                .flatten();
            let bare = argument.descriptions.is_empty() && argument.pcs.is_none();
            if extra.is_empty() && data.is_none() && !bare {
                continue;
            }
            self.block_break();
            self.out.push('<');
            self.out.push_str(&argument.title);
            self.out.push('>');
            self.tags(&extra);
            self.data(&data);
            self.out.push('\n');
            self.after_argument = true;
        }
    }

    fn tags(&mut self, tags: &[&String]) {
        for tag in tags {
            if tag.is_empty() {
                // Only white space between the brackets: `#()` is no tag.
                self.out.push_str(" #( )");
            } else if tag.chars().all(tag_char) {
                write!(self.out, " #{tag}").unwrap();
            } else if tag.contains("]:") || tag.contains(">:") {
                // On the reference's line, `]:` would make it a definition that ends there.
                write!(self.out, " #(\n{tag})").unwrap();
            } else {
                write!(self.out, " #({tag})").unwrap();
            }
        }
    }

    /// Each element's relations: supports and attacks it receives, undercuts and
    /// contradictions it makes (undercuts of inferences are printed in their structures).
    fn relations(&mut self) {
        let doc = self.doc;
        let mut order: Vec<&Node> = Vec::new();
        let mut lines: HashMap<&Node, Vec<(&'static str, &Node)>> = HashMap::new();
        for relation in &doc.relations {
            let (parent, symbol, child) = match relation.kind {
                RelationKind::Support => (&relation.to, "+", &relation.from),
                RelationKind::Attack => (&relation.to, "-", &relation.from),
                RelationKind::Undercut => {
                    if matches!(relation.to, Node::Inference { .. }) {
                        continue;
                    }
                    (&relation.from, "_>", &relation.to)
                }
                RelationKind::Contradiction => (&relation.from, "><", &relation.to),
            };
            if matches!(parent, Node::Inference { .. }) || matches!(child, Node::Inference { .. }) {
                continue;
            }
            if !lines.contains_key(parent) {
                order.push(parent);
            }
            lines.entry(parent).or_default().push((symbol, child));
        }
        for parent in order {
            self.block_break();
            self.node(parent);
            self.out.push('\n');
            for (symbol, child) in &lines[parent] {
                write!(self.out, "  {symbol} ").unwrap();
                self.node(child);
                self.out.push('\n');
            }
            self.after_argument = matches!(parent, Node::Argument(_));
        }
    }

    fn node(&mut self, node: &Node) {
        match node {
            Node::Statement(title) => write!(self.out, "[{title}]").unwrap(),
            Node::Argument(title)
            | Node::Inference {
                argument: title, ..
            } => write!(self.out, "<{title}>").unwrap(),
        }
    }

    /// ` {data}`: a flow mapping on the line, anything else as a block between braces.
    fn data(&mut self, data: &Option<Value>) {
        let Some(value) = data else { return };
        let json = serde_json::to_string(value).unwrap_or_default();
        let mut safe = String::with_capacity(json.len());
        let mut in_string = false;
        let mut escaped = false;
        for c in json.chars() {
            match c {
                // Nothing in a string may look like the end of the block or a title.
                '}' if in_string => safe.push_str("\\u007d"),
                '<' if in_string => safe.push_str("\\u003c"),
                '>' if in_string => safe.push_str("\\u003e"),
                '[' if in_string => safe.push_str("\\u005b"),
                ']' if in_string => safe.push_str("\\u005d"),
                '\u{2028}' => safe.push_str("\\u2028"),
                '\u{2029}' => safe.push_str("\\u2029"),
                c => {
                    if in_string && !escaped && c == '"' {
                        in_string = false;
                    } else if !in_string && c == '"' {
                        in_string = true;
                    }
                    escaped = in_string && !escaped && c == '\\';
                    safe.push(c);
                    continue;
                }
            }
            escaped = false;
        }
        if value.is_object() {
            self.out.push(' ');
            self.out.push_str(&safe);
        } else {
            self.out.push_str(" {\n");
            self.out.push_str(&safe);
            self.out.push_str("\n}");
        }
    }

    /// A text with its ranges, escaped; `line_start` when it opens a line (an untitled
    /// statement), where more characters have a meaning.
    fn text(&mut self, text: &str, ranges: &[Range], line_start: bool) {
        let mut ranges: Vec<&Range> = ranges
            .iter()
            .filter(|r| r.start <= r.end && r.end <= text.len())
            .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
            .collect();
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut open: Vec<(&Range, &str)> = Vec::new();
        let mut next = 0;
        let mut at = 0;
        let mut tag_end = None;
        loop {
            // Close what ends here, innermost first.
            while let Some((range, marker)) = open.last() {
                if range.end != at {
                    break;
                }
                self.out.push_str(marker);
                open.pop();
            }
            // Open what starts here; verbatim ranges are written whole.
            let mut skipped_to = None;
            while next < ranges.len() && ranges[next].start == at {
                let range = ranges[next];
                next += 1;
                match &range.kind {
                    RangeKind::Bold | RangeKind::Italic => {
                        let marker = marker(range, open.last().copied(), at, &ranges);
                        self.out.push_str(marker);
                        open.push((range, marker));
                    }
                    RangeKind::Link { url } => {
                        write!(self.out, "[{}]({url})", &text[range.start..range.end]).unwrap();
                        skipped_to = Some(range.end);
                        break;
                    }
                    // A mention by its title, which keeps the spaces the text collapses.
                    RangeKind::StatementMention { title } => {
                        write!(self.out, "@[{title}]").unwrap();
                        skipped_to = Some(range.end);
                        break;
                    }
                    RangeKind::ArgumentMention { title } => {
                        write!(self.out, "@<{title}>").unwrap();
                        skipped_to = Some(range.end);
                        break;
                    }
                    RangeKind::Tag { .. } => {
                        self.out.push_str(&text[range.start..range.end]);
                        skipped_to = Some(range.end);
                        if !text[range.start..].starts_with("#(") {
                            tag_end = Some(range.end);
                        }
                        break;
                    }
                }
            }
            if let Some(end) = skipped_to {
                // Ranges inside a verbatim one are dropped.
                while next < ranges.len() && ranges[next].start < end {
                    next += 1;
                }
                if end > at {
                    at = end;
                    continue;
                }
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let rest = &text[at..];
            // A character a tag could hold, right after a tag, came from a shortcode (the tag
            // would have taken it in otherwise): written as that shortcode, it stays apart.
            if tag_end == Some(at) && tag_char(c) {
                if let Some((code, unicode)) = shortcode_for(rest) {
                    self.out.push_str(code);
                    at += unicode.len();
                    continue;
                }
            }
            let first = line_start && at == 0;
            // A star, underscore, hash or at sign before a space starts nothing (a star ends
            // nothing either while no star is open); elsewhere they are escaped. What follows
            // a text on its line (data, say) is not known here: brackets, braces and comment
            // starts are always escaped.
            let next_range = next;
            let next = rest[c.len_utf8()..].chars().next();
            let before_space = next == Some(' ');
            let escape = match c {
                '*' => !(before_space && open.is_empty()) || first,
                '_' | '#' | '@' => !before_space || first,
                '\\' | '[' | '<' | '{' => true,
                // Before a marker too, which may be an asterisk.
                '/' => {
                    let after = at + c.len_utf8();
                    matches!(next, Some('/' | '*'))
                        || open.iter().any(|(range, _)| range.end == after)
                        || ranges[next_range..]
                            .iter()
                            .any(|range| range.start == after)
                }
                '.' | ':' => special_char(rest).is_some(),
                '=' => equals_run(text, at) >= 3,
                _ => false,
            } || (first
                // A comma or a closing brace opening a line would also keep the data block
                // that ends the line before from being read as data.
                && (matches!(c, '+' | '-' | '>' | '(' | '\'' | ',' | '}') || c.is_ascii_digit()));
            // Right after a tag, a character it could hold (a backslash too) would run on into
            // it: an empty comment keeps them apart.
            if tag_end == Some(at) && (escape || tag_char(c)) {
                self.out.push_str("/**/");
            }
            if escape {
                self.out.push('\\');
            }
            self.out.push(c);
            at += c.len_utf8();
        }
        while let Some((_, marker)) = open.pop() {
            self.out.push_str(marker);
        }
    }
}

/// The marker of a bold or italic range opening at `at`, inside `outer` (with its marker) if
/// any: asterisks, since an underscore is a tag's character and would run on from a tag just
/// before it; but underscores right after an asterisk italic opened at the same place, where
/// `**` would read as bold and `***` as bold first, as long as no tag ends the range.
fn marker(
    range: &Range,
    outer: Option<(&Range, &str)>,
    at: usize,
    ranges: &[&Range],
) -> &'static str {
    let after_star = outer.is_some_and(|(outer, marker)| outer.start == at && marker == "*");
    let tag_at_end = || {
        ranges
            .iter()
            .any(|r| matches!(r.kind, RangeKind::Tag { .. }) && r.end == range.end)
    };
    match (&range.kind, after_star && !tag_at_end()) {
        (RangeKind::Bold, false) => "**",
        (RangeKind::Bold, true) => "__",
        (_, false) => "*",
        (_, true) => "_",
    }
}

/// The length of the run of `=` around byte `at`.
fn equals_run(text: &str, at: usize) -> usize {
    let before = text[..at].bytes().rev().take_while(|&b| b == b'=').count();
    let after = text[at..].bytes().take_while(|&b| b == b'=').count();
    before + after
}
