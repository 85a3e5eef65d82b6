//! The printer: a discussion back to the text Kialo exports, escaped so that [`crate::parse`]
//! reads it back to the same tree.

use crate::{Content, Discussion};

impl Discussion {
    /// The discussion as Kialo's export writes it: the title line, a blank line, then one line
    /// per place of the tree in the order of [`Discussion::nodes`] (texts over several lines go
    /// on over several lines), then the sources, if any, after `Sources:`.
    ///
    /// Parsing the result gives back the same title, [`Discussion::outline`] and sources for
    /// any discussion that [`crate::parse`] returned. Of other discussions, texts come back as
    /// `parse` leaves texts (trimmed, `\n` line breaks, no white space at the end of a line) and
    /// a title's line breaks as spaces.
    ///
    /// # Complexity
    ///
    /// O(n) in the size of the discussion.
    pub fn to_text(&self) -> String {
        let title = self.title.split(['\n', '\r']).collect::<Vec<_>>().join(" ");
        let mut out = format!("Discussion Title: {}\n\n", escape_backslashes(title.trim()));
        for node in &self.nodes {
            out.push_str(&node.path.to_string());
            out.push_str(". ");
            if let Some(stance) = node.stance {
                out.push_str(stance.as_str());
                out.push_str(": ");
            }
            match &node.content {
                Content::Link(target) => {
                    out.push_str(&format!("-> See {target}."));
                }
                Content::Text(text) => out.push_str(&escape(text)),
            }
            out.push('\n');
        }
        if !self.sources.is_empty() {
            out.push_str("\nSources:\n");
            for source in &self.sources {
                out.push_str(source);
                out.push('\n');
            }
        }
        out
    }
}

fn escape_backslashes(text: &str) -> String {
    text.replace('\\', "\\\\")
}

/// A claim's text, escaped where the reader would take it for something else: backslashes;
/// a stance, `Thesis:` or a link at its start; a position or `Sources:` at the start of a
/// line that goes on with it.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in text.split('\n').enumerate() {
        let line = escape_backslashes(line);
        if i == 0 {
            out.push_str(&escape_start(&line));
            continue;
        }
        out.push('\n');
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && line.as_bytes().get(digits) == Some(&b'.') {
            out.push_str(&line[..digits]);
            out.push('\\');
            out.push_str(&line[digits..]);
        } else if line.trim() == "Sources:" {
            out.push_str(&line.replacen("Sources:", "Sources\\:", 1));
        } else {
            out.push_str(&line);
        }
    }
    out
}

fn escape_start(line: &str) -> String {
    for marker in ["Pro:", "Con:", "Thesis:"] {
        if let Some(rest) = line.strip_prefix(marker) {
            return format!("{}\\:{rest}", &marker[..marker.len() - 1]);
        }
    }
    match line.strip_prefix("->") {
        Some(rest) => format!("-\\>{rest}"),
        None => line.to_owned(),
    }
}
