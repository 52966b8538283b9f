import Foundation
import KeyManagement

/// The root key `obslab serve` uses, and where it came from: `--root-key-file`, else `$OBSLAB_ROOT_KEY`, else the
/// default file in the user's configuration folder (`$XDG_CONFIG_HOME/obslab/root.key`, else
/// `~/.config/obslab/root.key`), created at random (mode 0600, folder 0700) the first time.
struct RootKeySelection {
    static let environmentVariable = "OBSLAB_ROOT_KEY"

    let key: RootKey
    /// What start-up prints: the file's path, or the environment variable's name; never the key.
    let origin: String
    /// Things to say about the choice: a key file others may read, an environment variable that a flag overrides.
    let warnings: [String]

    /// - Throws: `RootKeyError` when no key can be had, or the key file would lie inside `dataRoot`.
    static func resolve(file: String?, environment: [String: String], dataRoot: String) throws -> RootKeySelection {
        let fromEnvironment = environment[environmentVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let file {
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            try checkOutside(dataRoot: dataRoot, file: path)
            var warnings = modeWarnings(path)
            if fromEnvironment != nil {
                warnings.append("--root-key-file \(path) is used; $\(environmentVariable) is ignored")
            }
            return RootKeySelection(key: try RootKey(contentsOfFile: path), origin: path, warnings: warnings)
        }
        if let fromEnvironment {
            let key = try RootKey(text: fromEnvironment, source: "$\(environmentVariable)")
            return RootKeySelection(key: key, origin: "$\(environmentVariable)", warnings: [])
        }
        let path = try defaultFile(environment: environment)
        try checkOutside(dataRoot: dataRoot, file: path)
        let (key, created) = try RootKey.loadOrCreate(file: path)
        let origin = created ? path + " (created now: back it up, the data root's encrypted data cannot be read without it)" : path
        return RootKeySelection(key: key, origin: origin, warnings: modeWarnings(path))
    }

    /// Refuses a key file inside the data root: a copy of the data root would carry the key that opens it.
    private static func checkOutside(dataRoot: String, file: String) throws {
        let resolvedFile = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
        let resolvedRoot = URL(fileURLWithPath: dataRoot).resolvingSymlinksInPath().path
        if resolvedFile.hasPrefix(resolvedRoot + "/") {
            throw RootKeyError(
                .unavailable,
                "The root key file \(file) is inside the data root \(dataRoot): a copy of the data root would carry the key that opens"
                    + " it. Move the file elsewhere (outside the data root) and give its new path with --root-key-file"
            )
        }
    }

    /// `$XDG_CONFIG_HOME/obslab/root.key` when that is an absolute path (the XDG rule), else `$HOME/.config/obslab/root.key`.
    static func defaultFile(environment: [String: String]) throws -> String {
        if let configuration = environment["XDG_CONFIG_HOME"], configuration.hasPrefix("/") {
            return configuration + "/obslab/root.key"
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else {
            throw RootKeyError(
                .unavailable,
                "Neither $XDG_CONFIG_HOME nor $HOME names a folder for the default root key file;"
                    + " give a root key with --root-key-file or $\(environmentVariable)"
            )
        }
        return home + "/.config/obslab/root.key"
    }

    private static func modeWarnings(_ path: String) -> [String] {
        guard let mode = RootKey.unsafeMode(ofFile: path) else { return [] }
        return ["The root key file \(path) may be read by other users (mode \(mode)); make it private: chmod 600 \(path)"]
    }
}
