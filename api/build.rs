//! Embeds the staff console's built assets (`console/dist`, committed) in the binary: one
//! table of path, media type, bytes and gzip'd bytes, written to `$OUT_DIR/console_assets.rs`.
//! Compressing here, not at start-up, keeps start-up free of work and the answer of every
//! request a slice of static memory.

use std::io::Write;
use std::path::{Path, PathBuf};

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../console/dist");
    println!("cargo:rerun-if-changed={}", dist.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    let mut files = Vec::new();
    if dist.is_dir() {
        collect(&dist, &dist, &mut files);
    } else {
        println!("cargo:warning=console/dist is missing: the console will not be served (build it with `npm run build` in console/)");
    }
    files.sort();
    let mut table = String::from("&[\n");
    for (i, rel) in files.iter().enumerate() {
        let path = dist.join(rel);
        println!("cargo:rerun-if-changed={}", path.display());
        let body = std::fs::read(&path).expect("read a console asset");
        let gz = if compressible(rel) {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            enc.write_all(&body).expect("gzip");
            let gz = enc.finish().expect("gzip");
            // Only worth sending when it saves something.
            (gz.len() + 64 < body.len()).then_some(gz)
        } else {
            None
        };
        let gz_expr = match gz {
            Some(gz) => {
                let gz_path = out.join(format!("console-{i}.gz"));
                std::fs::write(&gz_path, gz).expect("write gzip");
                format!("Some(include_bytes!({:?}))", gz_path.display().to_string())
            }
            None => "None".to_string(),
        };
        table.push_str(&format!(
            "    Asset {{ path: {:?}, media_type: {:?}, body: include_bytes!({:?}), gzip: {gz_expr} }},\n",
            rel,
            media_type(rel),
            path.canonicalize().expect("canonical path").display().to_string(),
        ));
    }
    table.push(']');
    std::fs::write(out.join("console_assets.rs"), table).expect("write the asset table");
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("read console/dist") {
        let path = entry.expect("dir entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') {
            continue; // .sources: the build's record of its inputs, not served
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).expect("under dist").to_string_lossy().replace('\\', "/");
            files.push(rel);
        }
    }
}

fn media_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "json" | "map" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn compressible(path: &str) -> bool {
    matches!(
        path.rsplit('.').next().unwrap_or_default(),
        "html" | "js" | "mjs" | "css" | "svg" | "json" | "map" | "txt" | "ttf" | "ico"
    )
}
