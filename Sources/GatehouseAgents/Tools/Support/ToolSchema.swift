import GatehouseCore

/// Small builders for the JSON schemas of tool arguments.
enum ToolSchema {
    /// An object schema with `properties`, of which `required` must be given.
    static func object(_ properties: [String: JSONValue] = [:], required: [String] = []) -> JSONValue {
        var schema: JSONValue = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return schema
    }

    /// A string property.
    static func string(_ description: String) -> JSONValue {
        ["type": "string", "description": .string(description)]
    }

    /// A string property limited to `values`.
    static func enumeration(_ values: [String], _ description: String) -> JSONValue {
        ["type": "string", "enum": .array(values.map(JSONValue.string)), "description": .string(description)]
    }

    /// An array-of-strings property.
    static func strings(_ description: String) -> JSONValue {
        ["type": "array", "items": ["type": "string"], "description": .string(description)]
    }

    /// An array-of-objects property whose elements have `properties`, all required.
    static func objects(_ properties: [String: JSONValue], _ description: String) -> JSONValue {
        let item = object(properties, required: properties.keys.sorted())
        return ["type": "array", "items": item, "description": .string(description)]
    }

    /// An integer property.
    static func integer(_ description: String) -> JSONValue {
        ["type": "integer", "description": .string(description)]
    }

    /// A boolean property.
    static func boolean(_ description: String) -> JSONValue {
        ["type": "boolean", "description": .string(description)]
    }
}
