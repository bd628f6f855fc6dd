//! The people a repository names as its core team: a MAINTAINERS file's current
//! maintainers (tables and lists, emeritus sections left out), else the approvers of a root
//! Prow OWNERS file (aliases resolved), else the individual owners of CODEOWNERS' catch-all
//! rule. Each person keeps the line that names them. Teams are not people and are kept
//! apart, so the writer can say which team to expand.

use super::tree;
use super::validate::is_email;

/// One person as a file lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub handle: Option<String>,
    pub email: Option<String>,
    pub affiliation: Option<String>,
    pub path: String,
    pub line: u32,
}

/// What the files gave: people, or teams named instead of people.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoreTeam {
    pub people: Vec<Person>,
    /// `(path, line, team)` for forge teams named where people were expected.
    pub teams: Vec<(String, u32, String)>,
}

/// The files this module reads, in the order it prefers them.
pub const MAINTAINERS_FILES: &[&str] = &["MAINTAINERS.md", "MAINTAINERS", "MAINTAINERS.txt"];
pub const OWNERS_FILE: &str = "OWNERS";
pub const OWNERS_ALIASES_FILE: &str = "OWNERS_ALIASES";
pub const CODEOWNERS_FILES: &[&str] = &[".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// Every file [`core_team`] may read.
pub fn wanted_files() -> Vec<String> {
    MAINTAINERS_FILES
        .iter()
        .chain(CODEOWNERS_FILES)
        .chain(&[OWNERS_FILE, OWNERS_ALIASES_FILE])
        .map(|s| (*s).to_owned())
        .collect()
}

/// At most this many people are listed; a longer list is cut (and the writer says so).
pub const MAX_PEOPLE: usize = 100;

/// The core team from whichever file names people first. `text` gives a file's content.
pub fn core_team<'a>(text: impl Fn(&str) -> Option<&'a str>) -> CoreTeam {
    let mut team = CoreTeam::default();
    for path in MAINTAINERS_FILES {
        if let Some(t) = text(path) {
            team.people = from_maintainers(path, t);
            if !team.people.is_empty() {
                return team;
            }
        }
    }
    if let Some(t) = text(OWNERS_FILE) {
        team.people = from_owners(t, text(OWNERS_ALIASES_FILE));
        if !team.people.is_empty() {
            return team;
        }
    }
    for path in CODEOWNERS_FILES {
        if let Some(t) = text(path) {
            let (people, teams) = from_codeowners(path, t);
            team.teams.extend(teams);
            if !people.is_empty() {
                team.people = people;
                return team;
            }
        }
    }
    team
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// A GitHub-style login.
fn is_handle(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 39
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !s.starts_with('-')
}

/// Markdown reduced to its words: links to their text, emphasis and code marks gone.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find("](") {
            Some(close) if !after[..close].contains(']') => {
                out.push_str(&after[..close]);
                let tail = &after[close + 2..];
                rest = tail.find(')').map_or("", |e| &tail[e + 1..]);
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let cleaned: String = out
        .chars()
        .filter(|c| !matches!(c, '*' | '`' | '_'))
        .collect();
    assay_model::clean_excerpt(cleaned.trim())
}

/// A handle written `@name` or as a github.com profile link.
fn handle_in(s: &str) -> Option<String> {
    if let Some(i) = s.find("github.com/") {
        let h: String = s[i + 11..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let after = s[i + 11 + h.len()..].chars().next();
        if is_handle(&h) && after != Some('/') {
            return Some(h);
        }
    }
    s.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ',' | '|'))
        .filter_map(|w| w.strip_prefix('@'))
        .map(|w| w.trim_end_matches(['.', ':', ';']))
        .find(|w| is_handle(w))
        .map(str::to_owned)
}

fn email_in(s: &str) -> Option<String> {
    s.split(|c: char| {
        c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | '|')
    })
    .map(|w| {
        w.trim_start_matches("mailto:")
            .trim_end_matches(['.', ':', ';'])
    })
    .find(|w| is_email(w))
    .map(str::to_owned)
}

/// A heading that starts a section of people who are not current maintainers.
fn is_past_section(heading: &str) -> bool {
    let h = heading.to_ascii_lowercase();
    ["emerit", "former", "alumni", "past", "retired", "inactive"]
        .iter()
        .any(|w| h.contains(w))
}

/// A heading whose people are maintainers (or the document has had no heading yet).
fn is_team_section(heading: &str) -> bool {
    let h = heading.to_ascii_lowercase();
    !is_past_section(&h)
        && ["maintainer", "core", "owner", "committer", "team"]
            .iter()
            .any(|w| h.contains(w))
}

/// Column roles of a Markdown table, from its header row.
#[derive(Default)]
struct Columns {
    name: Option<usize>,
    handle: Option<usize>,
    email: Option<usize>,
    affiliation: Option<usize>,
}

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(|c| c.trim().to_owned())
        .collect()
}

fn columns(header: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, h) in header.iter().enumerate() {
        let h = h.to_ascii_lowercase();
        if h.contains("github") || h.contains("handle") || h.contains("login") {
            c.handle.get_or_insert(i);
        } else if h.contains("mail") {
            c.email.get_or_insert(i);
        } else if [
            "employer",
            "affiliation",
            "company",
            "organization",
            "organisation",
        ]
        .iter()
        .any(|w| h.contains(w))
        {
            c.affiliation.get_or_insert(i);
        } else if h.contains("name") || h.contains("maintainer") {
            c.name.get_or_insert(i);
        }
    }
    c
}

fn from_maintainers(path: &str, text: &str) -> Vec<Person> {
    let mut people = Vec::new();
    let mut in_team = true;
    let mut table: Option<Columns> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(h) = line.strip_prefix('#') {
            in_team = is_team_section(h);
            table = None;
            continue;
        }
        if !in_team {
            continue;
        }
        if line.starts_with('|') {
            let row = cells(line);
            if row
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
            {
                continue;
            }
            match &table {
                None => table = Some(columns(&row)),
                Some(cols) => people.extend(table_person(path, i, &row, cols)),
            }
            continue;
        }
        table = None;
        let item = line
            .strip_prefix("* ")
            .or_else(|| line.strip_prefix("- "))
            .or_else(|| line.strip_prefix("+ "));
        if let Some(item) = item {
            people.extend(list_person(path, i, item));
        }
        if people.len() >= MAX_PEOPLE {
            break;
        }
    }
    people.truncate(MAX_PEOPLE);
    people
}

fn table_person(path: &str, i: usize, row: &[String], cols: &Columns) -> Option<Person> {
    let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map(String::as_str);
    let handle = cell(cols.handle)
        .and_then(|c| handle_in(c).or_else(|| Some(plain(c)).filter(|p| is_handle(p))))
        .or_else(|| cell(cols.name).and_then(handle_in));
    let name = cell(cols.name)
        .map(plain)
        .map(|n| n.trim_start_matches('@').to_owned())
        .filter(|n| !n.is_empty());
    let email = cell(cols.email)
        .and_then(email_in)
        .or_else(|| row.iter().find_map(|c| email_in(c)));
    let affiliation = cell(cols.affiliation).map(plain).filter(|a| !a.is_empty());
    (handle.is_some() || email.is_some() || name.is_some()).then(|| Person {
        name,
        handle,
        email,
        affiliation,
        path: path.to_owned(),
        line: line_no(i),
    })
}

/// `Name <email> @handle`, `[@handle](https://github.com/handle)`, `Name (Org) @handle`.
/// An item without a handle or an address is prose, not a person.
fn list_person(path: &str, i: usize, item: &str) -> Option<Person> {
    let handle = handle_in(item);
    let email = email_in(item);
    if handle.is_none() && email.is_none() {
        return None;
    }
    let text = plain(item);
    let cut = text.find(['<', '(', '@', ',', '|']).unwrap_or(text.len());
    let name = text[..cut].trim().trim_end_matches(['-', ':']).trim();
    let name = (!name.is_empty() && name.split_whitespace().count() <= 5).then(|| name.to_owned());
    let affiliation = text.find('(').and_then(|o| {
        let inner = &text[o + 1..];
        inner
            .find(')')
            .map(|c| inner[..c].trim().to_owned())
            .filter(|a| !a.is_empty() && !a.contains('@'))
    });
    Some(Person {
        name,
        handle,
        email,
        affiliation,
        path: path.to_owned(),
        line: line_no(i),
    })
}

fn from_owners(text: &str, aliases: Option<&str>) -> Vec<Person> {
    let Ok(root) = tree::parse(text) else {
        return Vec::new();
    };
    let alias_root = aliases.and_then(|a| tree::parse(a).ok());
    let mut people = Vec::new();
    for item in root
        .get("approvers")
        .map(tree::Node::items)
        .unwrap_or_default()
    {
        let Some(name) = item.as_str() else { continue };
        let members = alias_root
            .as_ref()
            .and_then(|r| r.at(&["aliases", name]))
            .map(tree::Node::items);
        match members {
            Some(list) => people.extend(
                list.iter()
                    .filter_map(|m| owners_person(OWNERS_ALIASES_FILE, m.as_str()?, m.pos.line)),
            ),
            None => people.extend(owners_person(OWNERS_FILE, name, item.pos.line)),
        }
    }
    people.truncate(MAX_PEOPLE);
    people
}

fn owners_person(path: &str, handle: &str, line: u32) -> Option<Person> {
    is_handle(handle).then(|| Person {
        name: None,
        handle: Some(handle.to_owned()),
        email: None,
        affiliation: None,
        path: path.to_owned(),
        line,
    })
}

type Teams = Vec<(String, u32, String)>;

/// Individual owners of the catch-all rule (`*` or `/`), and teams named there.
fn from_codeowners(path: &str, text: &str) -> (Vec<Person>, Teams) {
    let mut people = Vec::new();
    let mut teams = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut words = line.split('#').next().unwrap_or("").split_whitespace();
        if !matches!(words.next(), Some("*" | "/" | "/*" | "**")) {
            continue;
        }
        for w in words {
            if let Some(h) = w.strip_prefix('@') {
                if h.contains('/') {
                    teams.push((path.to_owned(), line_no(i), assay_model::clean_excerpt(w)));
                } else if is_handle(h) {
                    people.extend(owners_person(path, h, line_no(i)));
                }
            } else if is_email(w) {
                people.push(Person {
                    name: None,
                    handle: None,
                    email: Some(w.to_owned()),
                    affiliation: None,
                    path: path.to_owned(),
                    line: line_no(i),
                });
            }
        }
    }
    people.truncate(MAX_PEOPLE);
    (people, teams)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_with_links_and_an_emeritus_section() {
        let text = "Intro\n\n| Name | Employer | Role |\n| --- | --- | --- |\n| [@ada](https://github.com/ada) | Acme | ALL |\n\n### Emeritus\n\n* [@bob](https://github.com/bob)\n";
        let p = from_maintainers("MAINTAINERS.md", text);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].handle.as_deref(), Some("ada"));
        assert_eq!(p[0].affiliation.as_deref(), Some("Acme"));
        assert_eq!(p[0].line, 5);
    }

    #[test]
    fn a_list_with_names_addresses_and_other_sections() {
        let text = "# Maintainers\n\n* Ada Lovelace <ada@example.org> @ada\n* Bob (Acme) @bob\n\n## Directors\n\n* Carol <c@example.org> @carol\n";
        let p = from_maintainers("MAINTAINERS.md", text);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].name.as_deref(), Some("Ada Lovelace"));
        assert_eq!(p[0].email.as_deref(), Some("ada@example.org"));
        assert_eq!(p[1].affiliation.as_deref(), Some("Acme"));
    }

    #[test]
    fn a_pointer_elsewhere_names_nobody() {
        let text =
            "The list is kept at https://github.com/org/community/blob/main/MAINTAINERS.md.\n";
        assert!(from_maintainers("MAINTAINERS.md", text).is_empty());
    }

    #[test]
    fn owners_aliases_and_codeowners() {
        let p = from_owners(
            "approvers:\n- core\n- dana\n",
            Some("aliases:\n  core:\n  - erin\n  - finn\n"),
        );
        let handles: Vec<_> = p.iter().filter_map(|p| p.handle.as_deref()).collect();
        assert_eq!(handles, ["erin", "finn", "dana"]);
        let (people, teams) = from_codeowners(
            "CODEOWNERS",
            "# all\n* @org/maintainers @gail\n/docs @hank\n",
        );
        assert_eq!(people.len(), 1);
        assert_eq!(teams[0].2, "@org/maintainers");
    }
}
