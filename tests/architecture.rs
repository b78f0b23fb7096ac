//! ARCHITECTURE.md names files and folders; each one it names must exist. A row of the
//! code map names paths relative to its own folder (`rules.rs` in the row of
//! `crates/central/` is `crates/central/src/rules.rs`), so a name counts as found when a
//! path under that folder ends with it. Names elsewhere in the document are looked for in
//! the whole tree. Whatever the document lists when the test runs is what is checked.

use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Folders that hold no source of the project: dependencies, builds, test output.
const SKIPPED: &[&str] = &["node_modules", "target", ".git", "dist", "output"];

/// Extensions of the files the document may name.
const EXTENSIONS: &[&str] = &[
    "rs", "ts", "mjs", "js", "svelte", "toml", "json", "md", "sh", "sql", "service", "html", "css",
    "yml", "yaml",
];

/// Every file and folder under `dir`, as paths relative to it with `/` between parts.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&relative)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = relative.join(&name);
            let is_dir = entry.file_type().map(|t| t.is_dir()).unwrap_or(false);
            if is_dir && SKIPPED.contains(&name.as_str()) {
                continue;
            }
            found.push(path.to_string_lossy().replace('\\', "/"));
            if is_dir {
                pending.push(path);
            }
        }
    }
    found
}

/// The text in backticks that reads as a path: a folder (`store/`), or a file with a
/// known extension (`lockdown.rs`, `demo/procedures.json`); not commands, URLs or types.
fn paths_in(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::trim)
        .filter(|p| !p.is_empty() && !p.starts_with('/') && !p.contains("://"))
        .filter(|p| {
            p.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c))
        })
        .filter(|p| {
            p.ends_with('/')
                || p.rsplit_once('.')
                    .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext))
        })
        .map(|p| p.trim_end_matches('/').to_owned())
        .collect()
}

/// `name` is `tree`'s entry or the end of one.
fn found_in(tree: &[String], name: &str) -> bool {
    let suffix = format!("/{name}");
    tree.iter().any(|p| p == name || p.ends_with(&suffix))
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = Path::new(ROOT);
    let document = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let whole_tree = tree(root);
    let mut checked = 0;
    let mut missing = Vec::new();

    let (before_map, map) = document
        .split_once("## Code map")
        .expect("a section named Code map");
    let (map, after_map) = map.split_once("\n## ").unwrap_or((map, ""));
    for row in map.lines().filter(|l| l.starts_with("| `")) {
        let mut cells = row.trim_matches('|').splitn(2, '|');
        let (place, what) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""));
        for named in paths_in(place) {
            checked += 1;
            if !root.join(&named).exists() {
                missing.push(format!(
                    "{named} (a folder or file the code map starts a row with)"
                ));
            }
        }
        // The row's folder: the one it names, or the folder of the file it names.
        let folder = paths_in(place)
            .first()
            .map(|p| {
                let path = root.join(p);
                if path.is_dir() {
                    path
                } else {
                    path.parent().unwrap_or(root).to_path_buf()
                }
            })
            .unwrap_or_else(|| root.to_path_buf());
        let row_tree = tree(&folder);
        for named in paths_in(what) {
            checked += 1;
            if !found_in(&row_tree, &named) && !root.join(&named).exists() {
                missing.push(format!("{named} (in the code map's row {})", place.trim()));
            }
        }
    }
    for named in paths_in(before_map).into_iter().chain(paths_in(after_map)) {
        checked += 1;
        if !found_in(&whole_tree, &named) {
            missing.push(named);
        }
    }

    // The parsing itself must keep finding what the document names.
    assert!(
        checked >= 50,
        "only {checked} paths read from ARCHITECTURE.md"
    );
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist:\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn paths_are_told_from_other_text_in_backticks() {
    let text = "`lockdown.rs` (`KioskApp`, `kiosk profile validate`) `store/` `/t/{id}` \
                `UPDATE_TYPES=1 cargo test` `sqlite/fleet.rs` `{\"error\"}` `tauri.conf.json`";
    assert_eq!(
        paths_in(text),
        ["lockdown.rs", "store", "sqlite/fleet.rs", "tauri.conf.json"]
    );
    let tree = vec![
        "src/store".to_owned(),
        "src/store/sqlite/fleet.rs".to_owned(),
    ];
    assert!(found_in(&tree, "sqlite/fleet.rs"));
    assert!(found_in(&tree, "store"));
    assert!(!found_in(&tree, "store/sqlite.rs"));
    assert!(!found_in(&tree, "leet.rs"));
}
