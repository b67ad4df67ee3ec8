import Foundation
public import GatehouseCore

/// `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): which attributes a response
/// carries. `id` and `schemas` are always returned; `returned: never` attributes never are.
public struct SCIMProjection: Sendable, Hashable {
    /// Attributes asked for; empty means the default set.
    public var attributes: [SCIMAttributePath] = []
    /// Attributes left out of the default set.
    public var excluded: [SCIMAttributePath] = []

    /// Creates a projection.
    public init(attributes: [SCIMAttributePath] = [], excluded: [SCIMAttributePath] = []) {
        self.attributes = attributes
        self.excluded = excluded
    }

    /// Parses the comma-separated query parameters, checking each path against `type`.
    public init(attributes: String?, excluded: String?, type: SCIMResourceType) throws(GatehouseError) {
        self.attributes = try Self.paths(attributes, type: type)
        self.excluded = try Self.paths(excluded, type: type)
    }

    static func paths(_ list: String?, type: SCIMResourceType) throws(GatehouseError) -> [SCIMAttributePath] {
        guard let list, !list.isEmpty else { return [] }
        var out: [SCIMAttributePath] = []
        for item in list.split(separator: ",") {
            let text = item.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            let path = try SCIMAttributePath.parse(text)
            guard type.resolve(path) != nil else {
                throw GatehouseError(.invalidValue, "unknown attribute \"\(text.prefix(120))\"")
            }
            out.append(path)
        }
        return out
    }

    /// `resource` as the client asked to see it.
    public func apply(_ resource: [String: SCIMJSON], type: SCIMResourceType) -> [String: SCIMJSON] {
        var out: [String: SCIMJSON] = [:]
        for (key, value) in resource {
            if key == "schemas" || key == "id" {
                out[key] = value
                continue
            }
            if let extensionSchema = type.extensionSchema(key), case .object(let inner) = value {
                var kept: [String: SCIMJSON] = [:]
                for (name, innerValue) in inner {
                    guard let attribute = extensionSchema.attribute(name) else { continue }
                    let path = SCIMAttributePath(schema: extensionSchema.id, name: name)
                    if let projected = project(innerValue, path: path, attribute: attribute) { kept[name] = projected }
                }
                if !kept.isEmpty { out[key] = .object(kept) }
                continue
            }
            let path = SCIMAttributePath(name: key)
            guard let resolved = type.resolve(path) else { continue }
            if let projected = project(value, path: path, attribute: resolved.attribute) { out[key] = projected }
        }
        return out
    }

    private func project(_ value: SCIMJSON, path: SCIMAttributePath, attribute: SCIMAttribute) -> SCIMJSON? {
        if attribute.returned == .never { return nil }
        if attribute.returned == .always { return value }
        if !attributes.isEmpty {
            if attributes.contains(where: { Self.same($0, path) && $0.subAttribute == nil }) { return value }
            let subs = attributes.filter { Self.same($0, path) }.compactMap(\.subAttribute)
            guard !subs.isEmpty else { return nil }
            return keepSubAttributes(value, subs.map { $0.lowercased() }, keep: true)
        }
        if attribute.returned == .request { return nil }
        if excluded.contains(where: { Self.same($0, path) && $0.subAttribute == nil }) { return nil }
        let subs = excluded.filter { Self.same($0, path) }.compactMap(\.subAttribute)
        return subs.isEmpty ? value : keepSubAttributes(value, subs.map { $0.lowercased() }, keep: false)
    }

    private func keepSubAttributes(_ value: SCIMJSON, _ names: [String], keep: Bool) -> SCIMJSON? {
        func filter(_ element: SCIMJSON) -> SCIMJSON? {
            guard case .object(let members) = element else { return element }
            let kept = members.filter { names.contains($0.key.lowercased()) == keep }
            return kept.isEmpty ? nil : .object(kept)
        }
        if case .array(let items) = value {
            let kept = items.compactMap(filter)
            return kept.isEmpty ? nil : .array(kept)
        }
        return filter(value)
    }

    static func same(_ a: SCIMAttributePath, _ b: SCIMAttributePath) -> Bool {
        a.name.lowercased() == b.name.lowercased() && (a.schema ?? "").lowercased() == (b.schema ?? "").lowercased()
    }
}
