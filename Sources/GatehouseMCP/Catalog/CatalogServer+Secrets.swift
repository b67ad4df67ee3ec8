/// Putting secret values into a server's environment and headers, for the gateway. Nothing here
/// logs or describes the values.
extension CatalogServer {
    /// The environment the server starts with: each secret's value in its variable, then each
    /// `env` entry with its `${ENV}` references replaced by the secrets' values (an unknown or
    /// missing secret gives an empty string). `secrets` maps secret names (``SecretBinding/name``)
    /// to values; a secret without a value sets no variable.
    public func resolvedEnvironment(secrets: [String: String]) -> [String: String] {
        let byEnv = secretValuesByEnvironmentName(secrets)
        var environment = byEnv
        for variable in env {
            environment[variable.name] = CatalogReferences.substitute(variable.value, values: byEnv)
        }
        return environment
    }

    /// The headers sent to a remote server, `${ENV}` references replaced by the values of the
    /// secrets with those variables; empty for a server that is not remote.
    public func resolvedHeaders(secrets: [String: String]) -> [String: String] {
        guard case .remote(_, _, let headers) = kind else { return [:] }
        let byEnv = secretValuesByEnvironmentName(secrets)
        return headers.mapValues { CatalogReferences.substitute($0, values: byEnv) }
    }

    /// The names of the secrets that have no value in `secrets` but are needed: marked
    /// `required`, or referenced from an environment or header value.
    public func missingSecrets(in secrets: [String: String]) -> [String] {
        var referenced: Set<String> = []
        var values = env.map(\.value)
        if case .remote(_, _, let headers) = kind { values += headers.values }
        for value in values {
            if case .success(let names) = CatalogReferences.names(in: value) { referenced.formUnion(names) }
        }
        return self.secrets
            .filter { secrets[$0.name] == nil && ($0.required == true || referenced.contains($0.env)) }
            .map(\.name)
    }

    private func secretValuesByEnvironmentName(_ values: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for binding in self.secrets {
            if let value = values[binding.name] { result[binding.env] = value }
        }
        return result
    }
}
