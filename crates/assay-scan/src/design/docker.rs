//! Dockerfile facts: the ports an image declares and the user it runs as.

use assay_model::design::{DesignItem, ItemKind, Trait};

use super::item;

/// EXPOSE and USER lines, with the image named after the Dockerfile's folder.
pub(super) fn items(path: &str, text: &str) -> Vec<DesignItem> {
    let image = match path.rsplit_once('/') {
        Some((dir, _)) => dir.rsplit('/').next().unwrap_or(dir).to_owned(),
        None => "root image".to_owned(),
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim();
        let mut words = t.split_whitespace();
        let Some(first) = words.next() else { continue };
        if first.eq_ignore_ascii_case("EXPOSE") {
            for port in words {
                let mut it = item(ItemKind::Expose, path, n, line);
                port.clone_into(&mut it.value);
                it.component.clone_from(&image);
                out.push(it);
            }
        } else if first.eq_ignore_ascii_case("USER") {
            let Some(user) = words.next() else { continue };
            let mut it = item(ItemKind::ImageUser, path, n, line);
            user.clone_into(&mut it.value);
            it.component.clone_from(&image);
            let name = user.split(':').next().unwrap_or(user);
            if name == "root" || name == "0" {
                it.traits.push(Trait::RunsAsRoot);
            }
            out.push(it);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expose_and_user() {
        let items = items(
            "cmd/query/Dockerfile",
            "FROM scratch\nEXPOSE 16686/tcp 16685\nUSER 10001\n# USER root\nUSER root\n",
        );
        let got: Vec<(ItemKind, u32, &str, bool)> = items
            .iter()
            .map(|i| (i.kind, i.line, i.value.as_str(), i.has(Trait::RunsAsRoot)))
            .collect();
        assert_eq!(
            got,
            vec![
                (ItemKind::Expose, 2, "16686/tcp", false),
                (ItemKind::Expose, 2, "16685", false),
                (ItemKind::ImageUser, 3, "10001", false),
                (ItemKind::ImageUser, 5, "root", true),
            ]
        );
        assert!(items.iter().all(|i| i.component == "query"));
    }
}
