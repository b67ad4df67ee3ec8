public import Foundation
public import GatehouseCore

/// OpenVEX statements (openvex.dev, v0.2.0, and the v0.0.x forms that wrote vulnerabilities and
/// products as plain strings). Only `not_affected` suppresses a finding; a later statement about
/// the same vulnerability and product replaces an earlier one (so `affected` after
/// `not_affected` restores it).
public struct VEXDocument: Sendable, Hashable {
    /// One statement, reduced to what matching needs.
    public struct Statement: Sendable, Hashable {
        /// The vulnerability's name (an advisory id or alias).
        public var vulnerability: String
        /// Product identifiers (purls, or the image's digest); empty means any.
        public var products: [String]
        /// Subcomponents (package purls); empty means the products themselves.
        public var subcomponents: [String]
        /// `not_affected`, `affected`, `fixed` or `under_investigation`.
        public var status: String
        /// Why, as the author wrote it (justification and impact statement).
        public var reason: String
    }

    /// The author, for the report.
    public var author: String
    /// The statements in document order.
    public var statements: [Statement]

    /// Largest VEX document read.
    public static let maxBytes = 8 << 20

    /// Parses an OpenVEX JSON document.
    public init(json: Data) throws(GatehouseError) {
        guard json.count <= Self.maxBytes,
            let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
            let list = object["statements"] as? [[String: Any]]
        else {
            throw GatehouseError(.vulnDataInvalid, "not an OpenVEX document (a JSON object with statements)")
        }
        author = (object["author"] as? String).map { String($0.prefix(200)) } ?? "unknown"
        var statements: [Statement] = []
        for (index, entry) in list.enumerated() {
            let vulnerability =
                (entry["vulnerability"] as? [String: Any])?["name"] as? String
                ?? entry["vulnerability"] as? String
            guard let vulnerability, let status = entry["status"] as? String else {
                throw GatehouseError(.vulnDataInvalid, "VEX statement \(index) has no vulnerability or status")
            }
            let reason = [entry["justification"] as? String, entry["impact_statement"] as? String]
                .compactMap { $0 }.joined(separator: ": ")
            statements.append(
                Statement(
                    vulnerability: vulnerability, products: Self.identifiers(entry["products"]),
                    subcomponents: Self.identifiers(entry["subcomponents"]), status: status,
                    reason: String(reason.prefix(500))))
        }
        self.statements = statements
    }

    /// `[{"@id": …}]` or `["…"]`.
    static func identifiers(_ value: Any?) -> [String] {
        guard let list = value as? [Any] else { return [] }
        return list.compactMap { ($0 as? [String: Any])?["@id"] as? String ?? $0 as? String }
    }

    /// Why `finding` in the image `digest` does not count, if a statement says so.
    public func suppression(of finding: Finding, imageDigest: String) -> String? {
        let names = Set([finding.id] + finding.aliases)
        var verdict: Statement?
        for statement in statements where names.contains(statement.vulnerability) {
            if applies(statement, to: finding, imageDigest: imageDigest) { verdict = statement }
        }
        guard let verdict, verdict.status == "not_affected" else { return nil }
        let why = verdict.reason.isEmpty ? "" : " (\(verdict.reason))"
        return "VEX by \(author): not_affected\(why)"
    }

    private func applies(_ statement: Statement, to finding: Finding, imageDigest: String) -> Bool {
        let package = Self.bare(finding.purl)
        let hex = imageDigest.split(separator: ":").last.map(String.init) ?? imageDigest
        let isImage = { (product: String) in product == imageDigest || (hex.count == 64 && product.contains(hex)) }
        // Subcomponents name the package inside the products: the product must match too.
        if !statement.subcomponents.isEmpty {
            return statement.subcomponents.contains { Self.bare($0) == package }
                && (statement.products.isEmpty || statement.products.contains(where: isImage))
        }
        if statement.products.isEmpty { return true }
        return statement.products.contains { Self.bare($0) == package || isImage($0) }
    }

    /// A purl without its qualifiers and subpath, so `?arch=…` does not stop a match.
    static func bare(_ purl: String) -> String {
        String(purl.prefix { $0 != "?" && $0 != "#" })
    }
}
