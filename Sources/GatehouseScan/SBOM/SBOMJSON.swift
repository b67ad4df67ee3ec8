import Foundation
import GatehouseCore

/// Serialises SBOM documents: sorted keys, unescaped slashes, two-space pretty printing, final newline.
enum SBOMJSON {
    /// The JSON bytes of `object`, a tree of dictionaries, arrays, strings, integers and booleans.
    static func data(_ object: [String: Any]) throws(GatehouseError) -> Data {
        guard JSONSerialization.isValidJSONObject(object) else {
            throw GatehouseError(.internal, "SBOM document is not representable as JSON")
        }
        do {
            var data = try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
            data.append(0x0A)
            return data
        } catch {
            throw GatehouseError(.internal, "could not serialise the SBOM document")
        }
    }
}
