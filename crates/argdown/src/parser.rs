//! Argdown's grammar (`parser.ts`) over the tokens of [`super::lexer`], building the model as
//! Argdown's `ModelPlugin` does: equivalence classes and arguments created and titled in the
//! same order (so that generated titles agree), members added when their statement ends,
//! relations added when their child ends, each once.

use super::lexer::{self, Kind, Token};
use super::text::{Text, TextBuilder};
use super::{
    yaml, Argument, ArgumentDescription, Document, Inference, Location, Node, ParseError, Pcs,
    PcsStatement, RangeKind, Relation, RelationKind, Section, Statement, StatementMember,
    MAX_DEPTH,
};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

pub(super) fn parse(src: &str) -> Result<Document> {
    let tokens = lexer::tokenize(src)?;
    let mut line_starts = vec![0];
    let bytes = src.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line_starts.push(i + 1);
        }
    }
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
        line_starts,
        doc: Document::default(),
        statement_index: HashMap::new(),
        argument_index: HashMap::new(),
        relation_set: HashSet::new(),
        section: None,
        untitled: 0,
        inference: None,
        previous_argument: None,
    };
    parser.document()?;
    Ok(parser.doc)
}

struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    line_starts: Vec<usize>,
    doc: Document,
    statement_index: HashMap<String, usize>,
    argument_index: HashMap<String, usize>,
    relation_set: HashSet<(Node, Node, RelationKind)>,
    /// The section of the last heading.
    section: Option<usize>,
    /// Titles generated so far.
    untitled: usize,
    /// The last inference entered (Argdown keeps it for the rest of the document).
    inference: Option<Node>,
    /// The argument of the previous top-level block, if it was one.
    previous_argument: Option<String>,
}

type Result<T> = std::result::Result<T, ParseError>;

/// What a block's text is made of.
fn is_content(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Freestyle
            | Kind::UnusedControlChar
            | Kind::EscapedChar
            | Kind::SpecialChar
            | Kind::Link
            | Kind::Start(_)
            | Kind::Tag
            | Kind::ArgumentMention
            | Kind::StatementMention
            | Kind::Newline
    )
}

fn is_free_text(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Freestyle | Kind::UnusedControlChar | Kind::EscapedChar | Kind::SpecialChar
    )
}

fn is_relation(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::IncomingSupport
            | Kind::IncomingAttack
            | Kind::OutgoingSupport
            | Kind::OutgoingAttack
            | Kind::Contradiction
            | Kind::IncomingUndercut
            | Kind::OutgoingUndercut
    )
}

/// How a token is named in messages.
fn describe(kind: Option<Kind>, image: &str) -> String {
    let Some(kind) = kind else {
        return "the end of the document".into();
    };
    match kind {
        Kind::Newline => "a line break".into(),
        Kind::Emptyline => "an empty line".into(),
        Kind::Indent => "an indented line".into(),
        Kind::Dedent => "a line indented less".into(),
        Kind::FrontMatter => "a front matter (`===`), which may only open the document".into(),
        Kind::Data => "a data block `{...}`".into(),
        Kind::HeadingStart => "a heading".into(),
        Kind::StatementNumber => format!("the numbered statement `{}`", image.trim()),
        Kind::InferenceStart => "an inference line (`--`)".into(),
        _ => format!("`{}`", image.trim()),
    }
}

/// A title between brackets, on one line.
fn title_of(image: &str, open: usize, close: usize) -> Option<String> {
    let title = image.get(open..image.len() - close)?;
    (!title.contains(['\n', '\r', '\u{2028}', '\u{2029}'])).then(|| title.to_owned())
}

/// The name of a tag token: `#name` or `#(words)`, its spaces and line breaks collapsed as in
/// texts.
fn tag_name(image: &str) -> String {
    let body = image.trim_end_matches([' ', '\t']).trim_start_matches('#');
    let name = match body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        Some(words) => words,
        None => body,
    };
    name.split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// lodash's `merge`, which Argdown uses to merge data: objects and arrays merge deeply, other
/// values replace.
pub(super) fn merge(target: &mut Option<Value>, source: &Value) {
    fn deep(target: &mut Value, source: &Value) {
        match (target, source) {
            (Value::Object(t), Value::Object(s)) => {
                for (key, value) in s {
                    match t.get_mut(key) {
                        Some(existing) => deep(existing, value),
                        None => {
                            t.insert(key.clone(), value.clone());
                        }
                    }
                }
            }
            (Value::Array(t), Value::Array(s)) => {
                for (i, value) in s.iter().enumerate() {
                    match t.get_mut(i) {
                        Some(existing) => deep(existing, value),
                        None => t.push(value.clone()),
                    }
                }
            }
            (target, source) => *target = source.clone(),
        }
    }
    let start = target.get_or_insert_with(|| Value::Object(Default::default()));
    match source {
        // lodash merges a list into the object it starts from by index.
        Value::Array(items) if start.is_object() => {
            let as_object = items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect();
            deep(start, &Value::Object(as_object));
        }
        Value::Object(_) if start.is_object() => deep(start, source),
        _ if start.is_object() => {}
        _ => deep(start, source),
    }
}

fn add_tags(target: &mut Vec<String>, tags: &[String]) {
    for tag in tags {
        if !target.contains(tag) {
            target.push(tag.clone());
        }
    }
}

/// What a statement or argument head was.
enum Head {
    Text(Text),
    Reference { tags: Vec<String> },
}

impl Parser<'_> {
    fn peek(&self) -> Option<Kind> {
        self.tokens.get(self.pos).map(|t| t.kind)
    }

    fn peek_at(&self, ahead: usize) -> Option<Kind> {
        self.tokens.get(self.pos + ahead).map(|t| t.kind)
    }

    fn image(&self, index: usize) -> &str {
        self.tokens
            .get(index)
            .map_or("", |t| &self.src[t.start..t.end])
    }

    fn location_of_offset(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .src
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Location { line, column }
    }

    /// Where the token at `index` starts (past any indentation it took in).
    fn location(&self, index: usize) -> Location {
        match self.tokens.get(index) {
            Some(token) => {
                let image = &self.src[token.start..token.end];
                let indent = match token.kind {
                    kind if is_relation(kind)
                        || matches!(
                            kind,
                            Kind::StatementNumber
                                | Kind::InferenceStart
                                | Kind::OrderedListItem
                                | Kind::UnorderedListItem
                        ) =>
                    {
                        image.len() - image.trim_start_matches([' ', '\t', '\'']).len()
                    }
                    _ => 0,
                };
                self.location_of_offset(token.start + indent)
            }
            None => self.location_of_offset(self.src.len()),
        }
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        self.error_at(self.pos, message)
    }

    fn error_at(&self, index: usize, message: impl Into<String>) -> ParseError {
        let Location { line, column } = self.location(index);
        ParseError::new(line, column, message)
    }

    fn unexpected(&self, expected: &str) -> ParseError {
        let found = describe(self.peek(), self.image(self.pos));
        self.error(format!("unexpected {found}; {expected}"))
    }

    fn eat(&mut self, kind: Kind) -> bool {
        if self.peek() == Some(kind) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn next_title(&mut self) -> String {
        self.untitled += 1;
        format!("Untitled {}", self.untitled)
    }

    fn statement_entry(&mut self, title: &str, location: Location) -> usize {
        if let Some(&index) = self.statement_index.get(title) {
            return index;
        }
        self.doc.statements.push(Statement {
            title: title.to_owned(),
            members: Vec::new(),
            tags: Vec::new(),
            data: None,
            location,
        });
        self.statement_index
            .insert(title.to_owned(), self.doc.statements.len() - 1);
        self.doc.statements.len() - 1
    }

    fn argument_entry(&mut self, title: &str, location: Location) -> usize {
        if let Some(&index) = self.argument_index.get(title) {
            return index;
        }
        self.doc.arguments.push(Argument {
            title: title.to_owned(),
            descriptions: Vec::new(),
            pcs: None,
            tags: Vec::new(),
            data: None,
            location,
        });
        self.argument_index
            .insert(title.to_owned(), self.doc.arguments.len() - 1);
        self.doc.arguments.len() - 1
    }

    fn add_relation(&mut self, from: Node, to: Node, kind: RelationKind, location: Location) {
        let key = (from.clone(), to.clone(), kind);
        if self.relation_set.contains(&key) {
            return;
        }
        if kind == RelationKind::Contradiction
            && self
                .relation_set
                .contains(&(to.clone(), from.clone(), kind))
        {
            return;
        }
        self.relation_set.insert(key);
        self.doc.relations.push(Relation {
            from,
            to,
            kind,
            location,
        });
    }

    fn document(&mut self) -> Result<()> {
        self.eat(Kind::Newline);
        self.eat(Kind::Emptyline);
        if self.peek() == Some(Kind::FrontMatter) {
            let image = self.image(self.pos);
            let body = image.trim_start_matches('=').trim_end_matches('=');
            self.doc.front_matter = Some(body.to_owned());
            self.pos += 1;
            self.eat(Kind::Newline);
            if self.peek().is_some() && !self.eat(Kind::Emptyline) {
                return Err(self.unexpected("the front matter must be followed by an empty line"));
            }
        }
        if self.peek().is_none() {
            return Ok(());
        }
        loop {
            self.block()?;
            match self.peek() {
                None => return Ok(()),
                Some(Kind::Emptyline) => {
                    self.pos += 1;
                    if self.peek().is_none() {
                        return Ok(());
                    }
                }
                Some(kind) if is_relation(kind) || kind == Kind::Indent => return Err(self
                    .unexpected(
                    "a relation must be indented more than the statement or argument it belongs to",
                )),
                Some(_) => {
                    return Err(self.unexpected(
                        "a new statement, argument or heading must start after an empty line",
                    ))
                }
            }
        }
    }

    /// One top-level block.
    fn block(&mut self) -> Result<()> {
        let previous = self.previous_argument.take();
        match self.peek() {
            Some(Kind::HeadingStart) => self.heading(),
            Some(Kind::StatementNumber) => self.pcs(previous),
            Some(Kind::ArgumentDefinition | Kind::ArgumentReference) => {
                let title = self.argument(0)?;
                self.previous_argument = Some(title);
                Ok(())
            }
            Some(Kind::Indent)
                if matches!(
                    self.peek_at(1),
                    Some(Kind::OrderedListItem | Kind::UnorderedListItem)
                ) =>
            {
                self.list()
            }
            Some(kind) if is_relation(kind) || kind == Kind::Indent => {
                let at = if kind == Kind::Indent {
                    self.pos + 1
                } else {
                    self.pos
                };
                Err(self.error_at(
                    at,
                    "an indented relation needs a statement or argument on the line above it, \
                     with no empty line between them",
                ))
            }
            Some(Kind::InferenceStart) => Err(self.error(
                "an inference line (`--`) must stand between the numbered statements of a \
                 premise-conclusion structure",
            )),
            Some(kind)
                if is_content(kind)
                    || matches!(kind, Kind::StatementReference | Kind::StatementDefinition) =>
            {
                self.statement(0).map(|_| ())
            }
            _ => Err(self
                .unexpected("expected a statement, an argument, a heading or a numbered premise")),
        }
    }

    fn heading(&mut self) -> Result<()> {
        let location = self.location(self.pos);
        let level = self.image(self.pos).len() - 1;
        self.pos += 1;
        let mut text = TextBuilder::default();
        if self.content(&mut text)? == 0 {
            return Err(self.unexpected("a heading needs a text after the `#`"));
        }
        let text = text.finish();
        let mut data = None;
        if self.peek() == Some(Kind::Data)
            || (self.peek() == Some(Kind::Newline) && self.peek_at(1) == Some(Kind::Data))
        {
            self.eat(Kind::Newline);
            data = self.data()?;
            self.eat(Kind::Newline);
        }
        let mut parent = self.section;
        while let Some(p) = parent {
            if self.doc.sections[p].level < level {
                break;
            }
            parent = self.doc.sections[p].parent;
        }
        self.doc.sections.push(Section {
            title: text.text,
            ranges: text.ranges,
            level,
            parent,
            tags: text.tags,
            data,
            location,
        });
        self.section = Some(self.doc.sections.len() - 1);
        Ok(())
    }

    /// The data block at the cursor.
    fn data(&mut self) -> Result<Option<Value>> {
        let image = self.image(self.pos).to_owned();
        let value = yaml::data(&image).map_err(|e| {
            self.error(format!(
                "the data block is not YAML as Argdown reads it: {e}"
            ))
        })?;
        self.pos += 1;
        Ok(value)
    }

    /// Text items, appended to `text`; how many were read.
    fn content(&mut self, text: &mut TextBuilder) -> Result<usize> {
        let mut count = 0;
        let mut open = Vec::new();
        let mut opened_at = Vec::new();
        while let Some(kind) = self.peek() {
            let image = self.image(self.pos);
            match kind {
                Kind::Freestyle | Kind::UnusedControlChar => text.push(image),
                Kind::EscapedChar => text.escaped(image),
                Kind::SpecialChar => text.special(image),
                Kind::Newline => text.newline(),
                Kind::Tag => text.range(
                    image,
                    RangeKind::Tag {
                        tag: tag_name(image),
                    },
                ),
                Kind::StatementMention | Kind::ArgumentMention => {
                    let trimmed = image.trim_end_matches([' ', '\t']);
                    let title = title_of(trimmed, 2, 1)
                        .ok_or_else(|| self.error("a mentioned title must be on one line"))?;
                    let kind = if kind == Kind::StatementMention {
                        RangeKind::StatementMention { title }
                    } else {
                        RangeKind::ArgumentMention { title }
                    };
                    text.range(image, kind);
                }
                Kind::Link => {
                    let trimmed = image.trim_end_matches([' ', '\t']);
                    let split = trimmed.rfind("](");
                    let parts = split.and_then(|at| {
                        Some((trimmed.get(1..at)?, trimmed.get(at + 2..trimmed.len() - 1)?))
                    });
                    match parts {
                        Some((label, url))
                            if !label.contains(['\n', '\r']) && !url.contains(['\n', '\r']) =>
                        {
                            text.link(label, url, trimmed.len() < image.len());
                        }
                        _ => {
                            return Err(self.error("a link's text and address must be on one line"))
                        }
                    }
                }
                Kind::Start(emphasis) => {
                    text.open(emphasis.is_bold());
                    open.push(emphasis);
                    opened_at.push(self.pos);
                }
                Kind::End(emphasis) if open.last() == Some(&emphasis) => {
                    open.pop();
                    opened_at.pop();
                    text.close(image.ends_with([' ', '\t']));
                }
                _ => break,
            }
            self.pos += 1;
            count += 1;
        }
        if let Some(&at) = opened_at.last() {
            let Location { line, column } = self.location(at);
            return Err(self.unexpected(&format!(
                "the bold or italic text opened at line {line}, column {column} is not closed"
            )));
        }
        debug_assert!(!text.is_open());
        Ok(count)
    }

    /// A statement (with its relations); its title.
    fn statement(&mut self, depth: usize) -> Result<String> {
        let start = self.pos;
        let location = self.location(start);
        let (title, head) = match self.peek() {
            Some(Kind::StatementReference) => {
                let title = title_of(self.image(start), 1, 1)
                    .ok_or_else(|| self.error("a statement's title must be on one line"))?;
                self.pos += 1;
                let mut tags = Vec::new();
                while self.peek() == Some(Kind::Tag) {
                    let tag = tag_name(self.image(self.pos));
                    add_tags(&mut tags, &[tag]);
                    self.pos += 1;
                }
                self.eat(Kind::Newline);
                (Some(title), Head::Reference { tags })
            }
            Some(Kind::StatementDefinition) => {
                let title = title_of(self.image(start), 1, 2)
                    .ok_or_else(|| self.error("a statement's title must be on one line"))?;
                self.pos += 1;
                let mut text = TextBuilder::default();
                if self.content(&mut text)? == 0 {
                    return Err(self.unexpected(&format!(
                        "`[{title}]:` must be followed by the statement's text"
                    )));
                }
                (Some(title), Head::Text(text.finish()))
            }
            Some(kind) if is_content(kind) => {
                let mut text = TextBuilder::default();
                self.content(&mut text)?;
                (None, Head::Text(text.finish()))
            }
            _ => return Err(self.unexpected("expected a statement")),
        };
        let data = self.trailing_data()?;
        let mut title = title;
        if self.peek() == Some(Kind::Indent) {
            let t = match title.take() {
                Some(t) => t,
                None => self.next_title(),
            };
            self.statement_entry(&t, location);
            self.relations(Node::Statement(t.clone()), depth)?;
            title = Some(t);
        }
        let title = match title {
            Some(t) => t,
            None => self.next_title(),
        };
        let index = self.statement_entry(&title, location);
        let section = self.section;
        let statement = &mut self.doc.statements[index];
        match head {
            Head::Reference { tags } => add_tags(&mut statement.tags, &tags),
            Head::Text(text) => {
                add_tags(&mut statement.tags, &text.tags);
                statement.members.push(StatementMember {
                    text: text.text,
                    ranges: text.ranges,
                    tags: text.tags,
                    data: data.clone(),
                    location,
                    section,
                });
            }
        }
        if let Some(data) = &data {
            merge(&mut statement.data, data);
        }
        Ok(title)
    }

    /// `{...}` and the line break after it, if there.
    fn trailing_data(&mut self) -> Result<Option<Value>> {
        if self.peek() != Some(Kind::Data) {
            return Ok(None);
        }
        let data = self.data()?;
        self.eat(Kind::Newline);
        Ok(data)
    }

    /// An argument definition or reference (with its relations); its title.
    fn argument(&mut self, depth: usize) -> Result<String> {
        let start = self.pos;
        let location = self.location(start);
        let (title, head) = match self.peek() {
            Some(Kind::ArgumentDefinition) => {
                let title = title_of(self.image(start), 1, 2)
                    .ok_or_else(|| self.error("an argument's title must be on one line"))?;
                self.pos += 1;
                let mut text = TextBuilder::default();
                if self.content(&mut text)? == 0 {
                    return Err(self.unexpected(&format!(
                        "`<{title}>:` must be followed by the argument's description"
                    )));
                }
                (title, Head::Text(text.finish()))
            }
            Some(Kind::ArgumentReference) => {
                let title = title_of(self.image(start), 1, 1)
                    .ok_or_else(|| self.error("an argument's title must be on one line"))?;
                self.pos += 1;
                let mut tags = Vec::new();
                while self.peek() == Some(Kind::Tag) {
                    let tag = tag_name(self.image(self.pos));
                    add_tags(&mut tags, &[tag]);
                    self.pos += 1;
                }
                self.eat(Kind::Newline);
                (title, Head::Reference { tags })
            }
            _ => return Err(self.unexpected("expected an argument")),
        };
        let data = self.trailing_data()?;
        if self.peek() == Some(Kind::Indent) {
            self.argument_entry(&title, location);
            self.relations(Node::Argument(title.clone()), depth)?;
        }
        let index = self.argument_entry(&title, location);
        let section = self.section;
        let argument = &mut self.doc.arguments[index];
        match head {
            Head::Reference { tags } => add_tags(&mut argument.tags, &tags),
            Head::Text(text) => {
                add_tags(&mut argument.tags, &text.tags);
                argument.descriptions.push(ArgumentDescription {
                    text: text.text,
                    ranges: text.ranges,
                    tags: text.tags,
                    data: data.clone(),
                    location,
                    section,
                });
            }
        }
        if let Some(data) = &data {
            merge(&mut argument.data, data);
        }
        Ok(title)
    }

    /// An indented list of relations of `parent`.
    fn relations(&mut self, parent: Node, depth: usize) -> Result<()> {
        if depth >= MAX_DEPTH {
            return Err(self.error_at(
                self.pos + 1,
                format!("relations may nest at most {MAX_DEPTH} levels deep"),
            ));
        }
        self.pos += 1; // the indent
        let mut first = true;
        loop {
            match self.peek() {
                Some(kind) if is_relation(kind) => {
                    self.relation(kind, &parent, depth)?;
                    first = false;
                }
                Some(Kind::Dedent) if !first => {
                    self.pos += 1;
                    return Ok(());
                }
                None if !first => return Ok(()),
                _ if first => {
                    return Err(self.unexpected(
                        "an indented line below a statement or argument must start with a \
                         relation (`+`, `-`, `_`, `><`, `<+`, `+>`, ...)",
                    ))
                }
                _ => {
                    return Err(self.unexpected(
                        "expected another relation at this indentation, or a line indented less",
                    ))
                }
            }
        }
    }

    /// One relation: its symbol and its child.
    fn relation(&mut self, kind: Kind, parent: &Node, depth: usize) -> Result<()> {
        let at = self.pos;
        let location = self.location(at);
        // Argdown takes the inference an undercut below a statement targets when the relation
        // starts.
        let undercut_target = match (kind, parent) {
            (Kind::OutgoingUndercut, Node::Statement(_)) => {
                self.inference.clone().unwrap_or_else(|| parent.clone())
            }
            _ => parent.clone(),
        };
        self.pos += 1;
        let child = match self.peek() {
            Some(Kind::ArgumentDefinition | Kind::ArgumentReference) => {
                if kind == Kind::Contradiction {
                    return Err(self.error(
                        "only statements contradict each other: `><` must be followed by a \
                         statement, not an argument",
                    ));
                }
                Node::Argument(self.argument(depth + 1)?)
            }
            Some(k)
                if is_content(k)
                    || matches!(k, Kind::StatementReference | Kind::StatementDefinition) =>
            {
                Node::Statement(self.statement(depth + 1)?)
            }
            _ => {
                return Err(self.unexpected(&format!(
                    "`{}` must be followed by a statement or an argument",
                    self.image(at).trim_start_matches([' ', '\t', '\''])
                )))
            }
        };
        let parent = parent.clone();
        let (from, to, kind) = match kind {
            Kind::IncomingSupport => (parent, child, RelationKind::Support),
            Kind::IncomingAttack => (parent, child, RelationKind::Attack),
            Kind::OutgoingSupport => (child, parent, RelationKind::Support),
            Kind::OutgoingAttack => (child, parent, RelationKind::Attack),
            Kind::Contradiction => (parent, child, RelationKind::Contradiction),
            Kind::IncomingUndercut => (parent, child, RelationKind::Undercut),
            _ => (child, undercut_target, RelationKind::Undercut),
        };
        self.add_relation(from, to, kind, location);
        Ok(())
    }

    /// A top-level list (`* item` or `1. item`).
    fn list(&mut self) -> Result<()> {
        self.pos += 1; // the indent
        let item = self.peek();
        while self.peek() == item {
            self.pos += 1;
            match self.peek() {
                Some(Kind::ArgumentDefinition | Kind::ArgumentReference) => {
                    self.argument(0)?;
                }
                _ => {
                    self.statement(0)?;
                }
            }
        }
        if !self.eat(Kind::Dedent) && self.peek().is_some() {
            return Err(self.unexpected("expected another list item, or an empty line"));
        }
        Ok(())
    }

    /// A premise-conclusion structure, of the argument of the block before it or of a new one.
    fn pcs(&mut self, previous: Option<String>) -> Result<()> {
        let location = self.location(self.pos);
        let title = match previous {
            Some(title) => title,
            None => {
                let title = self.next_title();
                self.argument_entry(&title, location);
                title
            }
        };
        let index = self.argument_entry(&title, location);
        if self.doc.arguments[index].pcs.is_some() {
            return Err(self.error(format!(
                "the argument <{title}> already has a premise-conclusion structure; an argument \
                 can have only one"
            )));
        }
        let section = self.section;
        let mut statements = Vec::new();
        self.pcs_statement(&mut statements, None)?;
        loop {
            while self.peek() == Some(Kind::StatementNumber) {
                self.pcs_statement(&mut statements, None)?;
            }
            if self.peek() != Some(Kind::InferenceStart) {
                return Err(self.unexpected(
                    "a premise-conclusion structure ends with an inference line (`----`) and \
                     a numbered conclusion",
                ));
            }
            let inference = self.inference(&title, statements.len())?;
            if self.peek() != Some(Kind::StatementNumber) {
                return Err(
                    self.unexpected("an inference line must be followed by a numbered conclusion")
                );
            }
            self.pcs_statement(&mut statements, Some(inference))?;
            if !matches!(
                self.peek(),
                Some(Kind::StatementNumber | Kind::InferenceStart)
            ) {
                break;
            }
        }
        self.doc.arguments[index].pcs = Some(Pcs {
            statements,
            location,
            section,
        });
        Ok(())
    }

    fn pcs_statement(
        &mut self,
        statements: &mut Vec<PcsStatement>,
        inference: Option<Inference>,
    ) -> Result<()> {
        let location = self.location(self.pos);
        self.pos += 1; // the number
        let title = self.statement(0)?;
        statements.push(PcsStatement {
            title,
            inference,
            location,
        });
        Ok(())
    }

    /// An inference line (or lines), with any undercuts below it.
    fn inference(&mut self, argument: &str, conclusion: usize) -> Result<Inference> {
        let location = self.location(self.pos);
        let node = Node::Inference {
            argument: argument.to_owned(),
            conclusion,
        };
        self.inference = Some(node.clone());
        self.pos += 1;
        let mut rules = Vec::new();
        let rules_follow = |p: &Self| {
            p.peek().is_some_and(is_free_text)
                || (p.peek() == Some(Kind::Newline) && p.peek_at(1).is_some_and(is_free_text))
        };
        if rules_follow(self) {
            self.eat(Kind::Newline);
            loop {
                let mut text = TextBuilder::default();
                let mut count = 0;
                while let Some(kind) = self.peek().filter(|k| is_free_text(*k)) {
                    let image = self.image(self.pos);
                    match kind {
                        Kind::EscapedChar => text.escaped(image),
                        Kind::SpecialChar => text.special(image),
                        _ => text.push(image),
                    }
                    self.pos += 1;
                    count += 1;
                }
                if count == 0 {
                    return Err(self.unexpected("expected the name of an inference rule after `,`"));
                }
                rules.push(text.finish().text);
                if !self.eat(Kind::ListDelimiter) {
                    break;
                }
            }
        }
        self.eat(Kind::Newline);
        let mut data = None;
        if self.peek() == Some(Kind::Data) {
            data = self.data()?;
            self.eat(Kind::Newline);
        }
        if !self.eat(Kind::InferenceEnd) {
            return Err(
                self.unexpected("an inference line that starts with `--` must end with `--`")
            );
        }
        if !self.eat(Kind::Newline) {
            return Err(
                self.unexpected("an inference line must be followed by a numbered conclusion")
            );
        }
        if self.peek() == Some(Kind::Indent) {
            self.pos += 1;
            let mut first = true;
            loop {
                match self.peek() {
                    Some(Kind::OutgoingUndercut) => {
                        let location = self.location(self.pos);
                        self.pos += 1;
                        let child = match self.peek() {
                            Some(Kind::ArgumentDefinition | Kind::ArgumentReference) => {
                                Node::Argument(self.argument(1)?)
                            }
                            _ => Node::Statement(self.statement(1)?),
                        };
                        self.add_relation(child, node.clone(), RelationKind::Undercut, location);
                        first = false;
                    }
                    Some(Kind::Dedent) if !first => {
                        self.pos += 1;
                        break;
                    }
                    None if !first => break,
                    _ => {
                        return Err(self.unexpected(
                            "only undercuts (`_` or `<_`) can be indented below an inference line",
                        ))
                    }
                }
            }
        }
        Ok(Inference {
            rules,
            data,
            location,
        })
    }
}
