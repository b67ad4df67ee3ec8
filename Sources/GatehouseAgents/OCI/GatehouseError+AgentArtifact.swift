public import GatehouseCore

extension GatehouseError.Code {
    /// An agent artifact (its manifest or YAML layer) or an agent file to package is not what
    /// docker-agent's format allows; the message names what is wrong.
    public static let agentArtifactInvalid = Self(rawValue: "agent_artifact_invalid")
}
