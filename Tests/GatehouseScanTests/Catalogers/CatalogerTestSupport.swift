import GatehouseCore
import Testing

@testable import GatehouseScan

/// Helpers shared by the cataloger tests.
enum Fixture {
    /// The UTF-8 bytes of `text`.
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// The result of cataloguing `text` at `path`, failing the test on a thrown error.
    static func catalog(_ text: String, path: String, distro: Distro? = nil) throws -> CatalogResult {
        try Catalogers.catalog(bytes(text), path: path, distro: distro)
    }

    /// The error thrown when cataloguing `content` at `path`, or nil.
    static func error(_ content: [UInt8], path: String) -> GatehouseError? {
        do {
            _ = try Catalogers.catalog(content, path: path, distro: nil)
            return nil
        } catch {
            return error
        }
    }

    /// Debian 12's os-release distro.
    static let bookworm = Distro(id: "debian", versionID: "12", codename: "bookworm")
}
