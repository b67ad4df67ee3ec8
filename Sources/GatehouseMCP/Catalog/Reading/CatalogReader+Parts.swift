import GatehouseCore

/// Reading a server's secrets, environment, tools and configuration schemas.
extension CatalogReader {
    /// `secrets: [{name, env, from?, example?, description?, required?}]`.
    func readSecrets(_ node: CatalogNode) throws(CatalogError) -> [CatalogServer.SecretBinding] {
        var bindings: [CatalogServer.SecretBinding] = []
        for item in try node.sequence() {
            let fields = try item.fields(["name", "env", "from", "example", "description", "required"])
            let nameNode = try fields.required("name")
            let name = try nameNode.string()
            guard !name.unicodeScalars.contains(where: { CatalogChecks.isControl($0) || $0 == " " }) else {
                throw nameNode.error("a secret name must not hold spaces or control characters")
            }
            let envNode = try fields.required("env")
            let env = try envNode.string()
            guard CatalogChecks.isEnvironmentName(env) else {
                throw envNode.error("invalid environment variable name (expected [A-Za-z_][A-Za-z0-9_]*)")
            }
            guard !bindings.contains(where: { $0.env == env }) else {
                throw envNode.error("another secret of this server is passed in \(env)")
            }
            var binding = CatalogServer.SecretBinding(name: name, env: env)
            if let from = fields["from"] {
                binding.from = try from.string()
                if let problem = CatalogChecks.secretReferenceProblem(binding.from ?? "") { throw from.error(problem) }
            }
            if let example = fields["example"] {
                let text = try example.scalarText()
                binding.example = text.isEmpty ? nil : text
            }
            binding.description = try fields["description"]?.optionalText()
            binding.required = try fields["required"]?.boolean()
            bindings.append(binding)
        }
        return bindings
    }

    /// `env: [{name, value}]` (docker) or `env: {NAME: value}` (ours). Values may reference the
    /// secrets' variables as `${ENV}`.
    func readEnvironment(_ node: CatalogNode, secrets: [CatalogServer.SecretBinding]) throws(CatalogError)
        -> [CatalogServer.EnvVar]
    {
        var pairs: [(name: String, nameNode: CatalogNode, value: CatalogNode?)] = []
        if node.isMapping {
            for entry in try node.entries() { pairs.append((entry.name, entry.key, entry.value)) }
        } else {
            for item in try node.sequence() {
                let fields = try item.fields(["name", "value"])
                let nameNode = try fields.required("name")
                pairs.append((try nameNode.string(), nameNode, fields["value"]))
            }
        }
        var variables: [CatalogServer.EnvVar] = []
        for pair in pairs {
            guard CatalogChecks.isEnvironmentName(pair.name) else {
                throw pair.nameNode.error(
                    "invalid environment variable name \(ConfigEcho.quoted(pair.name)) (expected [A-Za-z_][A-Za-z0-9_]*)"
                )
            }
            guard !variables.contains(where: { $0.name == pair.name }) else {
                throw pair.nameNode.error("the variable \(pair.name) is set twice")
            }
            guard !secrets.contains(where: { $0.env == pair.name }) else {
                throw pair.nameNode.error("the variable \(pair.name) is already set by a secret")
            }
            var value = ""
            if let valueNode = pair.value, !valueNode.isNull {
                value = try valueNode.scalarText()
                guard !value.unicodeScalars.contains("\u{0}") else {
                    throw valueNode.error("an environment value must not hold NUL characters")
                }
                try checkReferences(in: value, at: valueNode, secrets: secrets)
            }
            variables.append(CatalogServer.EnvVar(name: pair.name, value: value))
        }
        return variables
    }

    /// `tools: [{name, description?, annotations?, arguments?, parameters? | inputSchema?}]`.
    func readTools(_ node: CatalogNode) throws(CatalogError) -> [CatalogTool] {
        var tools: [CatalogTool] = []
        for item in try node.sequence() {
            let fields = try item.fields([
                "name", "description", "annotations", "arguments", "parameters", "inputSchema", "container", "policy",
            ])
            let nameNode = try fields.required("name")
            let name = try nameNode.string()
            guard CatalogTool.isValidName(name) else {
                throw nameNode.error(
                    "invalid tool name \(ConfigEcho.quoted(name)) (expected 1 to 128 letters, digits, '_', '.' or '-')"
                )
            }
            guard !tools.contains(where: { $0.name == name }) else {
                throw nameNode.error("the tool \(name) is listed twice")
            }
            var tool = CatalogTool(name: name, description: try fields["description"]?.optionalText())
            tool.annotations = try fields["annotations"].map { node throws(CatalogError) in try mappingJSON(node) }
            if let arguments = fields["arguments"] {
                guard arguments.isSequence else { throw arguments.mismatch("a sequence") }
                tool.arguments = try arguments.json()
            }
            if fields["parameters"] != nil, let schema = fields["inputSchema"] {
                throw schema.error("write either inputSchema or docker's parameters, not both")
            }
            tool.inputSchema = try (fields["inputSchema"] ?? fields["parameters"]).map { node throws(CatalogError) in
                try mappingJSON(node)
            }
            tools.append(tool)
        }
        return tools
    }

    /// `config: [{name, description, type: object, properties, …}]`, kept as JSON.
    func readConfig(_ node: CatalogNode) throws(CatalogError) -> [JSONValue] {
        var schemas: [JSONValue] = []
        for item in try node.sequence() { schemas.append(try mappingJSON(item)) }
        return schemas
    }

    /// A mapping as a JSON object.
    private func mappingJSON(_ node: CatalogNode) throws(CatalogError) -> JSONValue {
        guard node.isMapping else { throw node.mismatch("a mapping") }
        return try node.json()
    }
}
