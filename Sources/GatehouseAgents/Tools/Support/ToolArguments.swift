import GatehouseCore

/// The arguments of one call, read with checks: a missing required argument or one of the wrong
/// type is a ``ToolFailure`` naming it.
struct ToolArguments: Sendable {
    /// The members of the arguments object.
    let values: [String: JSONValue]
    /// The prefix of argument names in messages (`edits[0].` for an element), empty at the top.
    let prefix: String

    /// The arguments of `invocation`; null counts as no arguments, anything else but an object fails.
    init(_ invocation: ToolInvocation) throws(ToolFailure) {
        switch invocation.arguments {
        case .null: self.init(values: [:])
        case .object(let members): self.init(values: members)
        default: throw ToolFailure("the arguments of '\(invocation.name)' must be a JSON object")
        }
    }

    /// Arguments from `values`, named in messages after `prefix`.
    init(values: [String: JSONValue], prefix: String = "") {
        self.values = values
        self.prefix = prefix
    }

    /// The present, non-null value of `name`.
    func value(_ name: String) -> JSONValue? {
        guard let value = values[name], value != .null else { return nil }
        return value
    }

    /// The required string `name`.
    func string(_ name: String) throws(ToolFailure) -> String {
        guard let value = try optionalString(name) else { throw missing(name) }
        return value
    }

    /// The string `name`, nil when absent.
    func optionalString(_ name: String) throws(ToolFailure) -> String? {
        guard let value = value(name) else { return nil }
        guard let string = value.stringValue else { throw wrongType(name, "a string") }
        return string
    }

    /// The required array of strings `name`.
    func strings(_ name: String) throws(ToolFailure) -> [String] {
        guard let value = value(name) else { throw missing(name) }
        guard let elements = value.arrayValue else { throw wrongType(name, "an array of strings") }
        var strings: [String] = []
        for element in elements {
            guard let string = element.stringValue else { throw wrongType(name, "an array of strings") }
            strings.append(string)
        }
        return strings
    }

    /// The integer `name`, nil when absent.
    func optionalInteger(_ name: String) throws(ToolFailure) -> Int64? {
        guard let value = value(name) else { return nil }
        guard let integer = value.intValue else { throw wrongType(name, "an integer") }
        return integer
    }

    /// The boolean `name`, `false` when absent.
    func flag(_ name: String) throws(ToolFailure) -> Bool {
        guard let value = value(name) else { return false }
        guard let flag = value.boolValue else { throw wrongType(name, "a boolean") }
        return flag
    }

    /// The required array of objects `name`, each as arguments named `name[i].`.
    func objects(_ name: String) throws(ToolFailure) -> [ToolArguments] {
        guard let value = value(name) else { throw missing(name) }
        guard let elements = value.arrayValue else { throw wrongType(name, "an array of objects") }
        var objects: [ToolArguments] = []
        for (index, element) in elements.enumerated() {
            guard let members = element.objectValue else { throw wrongType("\(name)[\(index)]", "an object") }
            objects.append(ToolArguments(values: members, prefix: "\(prefix)\(name)[\(index)]."))
        }
        return objects
    }

    /// The failure for a missing required argument.
    func missing(_ name: String) -> ToolFailure {
        ToolFailure("missing required argument '\(prefix)\(name)'")
    }

    /// The failure for an argument of the wrong type.
    func wrongType(_ name: String, _ expected: String) -> ToolFailure {
        ToolFailure("argument '\(prefix)\(name)' must be \(expected)")
    }
}
