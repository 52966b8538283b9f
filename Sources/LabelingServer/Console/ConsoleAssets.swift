/// The web console's files, served at `/console` (the page) and `/console/{file}` (its scripts and style). They are
/// written in `Console/Assets` and compiled into the binary through `ConsoleAssets+Files.swift`, which
/// `Scripts/generate-console-assets.sh` generates from them, so that `obslab` stays one file that needs nothing beside it.
enum ConsoleAssets {
    /// The page itself, served at `/console`.
    static let page = "index.html"

    /// The `Content-Type` of a console file, by its extension.
    static func contentType(of name: String) -> String {
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".js") { return "text/javascript; charset=utf-8" }
        if name.hasSuffix(".css") { return "text/css; charset=utf-8" }
        return "application/octet-stream"
    }
}
