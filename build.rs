//! Packs `src/entities/data/gazetteer.tsv` into the front-coded form the crate embeds (see
//! `src/entities/gazetteer_pack.rs`, shared with the crate).

#[path = "src/entities/gazetteer_pack.rs"]
#[allow(dead_code)]
mod gazetteer_pack;

fn main() {
    let src = "src/entities/data/gazetteer.tsv";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=src/entities/gazetteer_pack.rs");
    let tsv = std::fs::read_to_string(src).expect("read src/entities/data/gazetteer.tsv");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("gazetteer.packed");
    std::fs::write(out, gazetteer_pack::pack(&tsv)).expect("write the packed gazetteer");
}
