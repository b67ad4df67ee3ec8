/// The configuration a new installation starts from: the text of `examples/gatehouse.yaml`,
/// kept identical to that file by a test (regenerate with scripts/embed-default-config.sh).
public enum DefaultConfig {
    /// The file name used in diagnostics about the default configuration.
    public static let path = "examples/gatehouse.yaml"

    /// The exact contents of `examples/gatehouse.yaml`.
    public static let text = #"""
        # gatehouse.yaml: the Gatehouse configuration, format version 1.
        #
        # This is the configuration a new installation starts from. Every section but `version` is
        # optional, and a key left out (or left empty) takes the default shown here. Unknown keys
        # and wrong types are errors naming the file, line and key, so typos never pass silently.
        # Quote a value to make it a string: 8080 is a number, "8080" is a string.
        #
        # Secrets are never written into this file. Wherever one is needed (any key ending in token,
        # password, secret or key), give a reference to it instead:
        #   env:NAME    the value of the environment variable NAME
        #   file:PATH   the contents of the file at PATH (for example a mounted secret)

        version: 1

        # Where the HTTP API listens, and where Gatehouse keeps its files.
        server:
          host: 127.0.0.1           # loopback only; use 0.0.0.0 to listen on every interface
          port: 8080                # 1 to 65535
          # public_url: https://gatehouse.example.com  # how clients reach it (sign-in redirects, SCIM
          #                                            # locations); default: from each request's Host
          data_dir: ./.gatehouse    # relative SQLite paths are resolved under this directory

        # The database holding tokens, users and the audit trail.
        #   sqlite:PATH                         one server (the default); PATH is under data_dir
        #   postgres://USER@HOST:PORT/DATABASE  several replicas sharing one database
        # A postgres password goes in `password` as a reference, never inside the URL.
        store:
          url: sqlite:gatehouse.db
          # password: env:PGPASSWORD
          max_connections: 10       # 1 to 200

        # The tamper-evident audit trail.
        audit:
          checkpoint_every: 1000    # records between two signed checkpoints (1 to 1000000)
          batch_max: 1024           # most records written in one batch (1 to 10000)
          # export_file: audit.jsonl  # also write every record as a JSON line here, for a SIEM (relative
          #                           # to the data directory); rotated at export_max_bytes (default
          #                           # 104857600), keeping export_keep older files (default 10)

        # Logs go to standard error.
        logging:
          level: info               # trace, debug, info, notice, warning, error or critical
          format: json              # json or text

        # OpenTelemetry over OTLP/HTTP, off unless otlp_endpoint is set: a span per request and per
        # step (authenticate, policy.decide, the action, audit.append, the upstream call, whose
        # traceparent header names Gatehouse's span), and optionally every audit record as a log record.
        # The OTEL_* environment variables of the OpenTelemetry specification override the trace settings.
        # telemetry:
        #   otlp_endpoint: http://127.0.0.1:4318  # the collector; spans go to /v1/traces, logs to /v1/logs
        #   protocol: http/protobuf   # or http/json
        #   service_name: gatehouse   # the service.name resource attribute
        #   traces: true              # export spans (default true once an endpoint is set)
        #   sample_ratio: 1.0         # share of new traces kept, 0 to 1; a caller's sampled flag is followed
        #   audit_logs: false         # also send each committed audit record, in order, as a log record
        #   export_interval: 5s       # how often spans and new audit records are sent (1s to 1h)
        #   headers:                  # sent with every export; secret references only
        #     Authorization: env:OTLP_AUTHORIZATION

        # The first administrator: on the first start with an empty store, Gatehouse creates a local
        # administrator token. It is taken from admin_token when that resolves (default:
        # env:GATEHOUSE_ADMIN_TOKEN, at least 24 printable characters); otherwise a random one is
        # generated and printed once on standard output. Only its SHA-256 hash is stored.
        bootstrap:
          admin_token: env:GATEHOUSE_ADMIN_TOKEN
          admin_groups: [admins]    # the groups the bootstrap administrator belongs to

        # Single sign-on and provisioning. Until an OpenID provider is configured, only access tokens
        # (starting with the bootstrap token) sign in. Uncomment and fill in to enable it:
        # identity:
        #   oidc:
        #     issuer: https://login.example.com          # exactly as the provider's discovery says
        #     client_id: gatehouse
        #     client_secret: env:GATEHOUSE_OIDC_CLIENT_SECRET
        #     scopes: [openid, profile, email, groups]   # must include openid
        #     groups_claim: groups                       # the ID-token claim naming the groups
        #     allowed_email_domains: [example.com]       # empty or left out: any domain
        #   jit_provisioning: true                       # create people at first sign-in
        #   session_ttl: 12h                             # browser sessions
        #   scim:
        #     token: env:GATEHOUSE_SCIM_TOKEN            # enables /scim/v2 for the provider's provisioning
        #     groups: [scim]                             # the groups the SCIM client acts in (see below)
        #     link:                                      # how a sign-in finds its provisioned user:
        #       attribute: externalId                    #   this user attribute (externalId or userName)
        #       claim: sub                               #   must equal this ID-token claim (never email)

        # Sandboxes (gatehouse sandbox run). A sandbox started over the API writes as the server's
        # user, so a workspace must lie under one of these directories; none are allowed by default.
        # sandbox:
        #   workspace_roots: [/srv/gatehouse/workspaces]
        #   image_roots: [/srv/gatehouse/images]         # unpacked image roots (--image-root)
        #   egress_credentials:                          # added by the egress proxy, never seen inside
        #     - {host: api.example.com, header: Authorization, value: env:EXAMPLE_API_TOKEN}
        #       # HTTPS too: the proxy terminates TLS for this host with a CA only that sandbox
        #       # trusts, verifies the real host (ca_file: extra authorities, optional), then adds it

        # The OCI registry proxy at /v2/ (pulls are `image.pull` on registry/repository:tag, see the rules
        # below). Upstreams are reached anonymously over HTTPS unless an entry here says otherwise.
        # registry:
        #   upstreams:
        #     - {host: "registry.corp.example", username: gatehouse, password: env:CORP_REGISTRY_TOKEN}
        #     - {host: "10.0.0.5:5000", plain_http: true}  # only on a network you trust
        #   cache_max_bytes: 10737418240                   # LRU beyond this (default 10 GiB)
        #   tag_ttl_seconds: 300                           # how long a tag's digest is trusted
        #   token_ttl_seconds: 300                         # registry sign-in tokens
        #   attestations:                                # buildx attestation manifests or referrers
        #     - {id: sbom-and-provenance, repositories: ["registry.corp.example/prod/*"], require: [sbom, provenance]}
        #   hardened:                                    # decided on the image's config and layers
        #     - {id: distroless, repositories: ["registry.corp.example/prod/*"], require: [non_root, no_shell, no_package_manager]}
        #   classes:                                     # then pulls also need image.pull on class:NAME
        #     - {name: official, repositories: ["docker.io/library/*"]}
        #     - {name: org, repositories: ["registry.corp.example/*"]}
        #     - {name: community, repositories: ["*"]}
        #   signatures:                                  # these images only with a valid cosign signature
        #     - {id: org-signed, repositories: ["registry.corp.example/*"], keys: [/etc/gatehouse/org-signing.pub]}

        # The MCP gateway at /mcp (and /mcp/PROFILE). Using a profile is `tool.profile` on its name;
        # calling a tool is `tool.call` on server/tool (see the rules below). Without catalogs it serves
        # no tools; `gatehouse mcp catalog import FILE` adds catalogs (kept in the data directory).
        # Image servers (docker's `image:` entries; `mcp/time` means docker.io/mcp/time) are pulled
        # through the registry rules above as the principal mcp:SERVER in the group `mcp-servers`:
        # grant it image.pull on the images your catalogs name, e.g.
        #   groups: {mcp-servers: {rules: [{id: tool-images, effect: allow, actions: [image.pull],
        #                                   resources: ["docker.io/mcp/*"]}]}}
        # mcp:
        #   catalogs: [/etc/gatehouse/mcp-catalog.yaml]  # docker/mcp-gateway's format, plus type: command
        #   secrets:                                     # values of the catalogs' secrets, by name
        #     github.personal_access_token: env:GITHUB_TOKEN
        #   profiles:                                    # `default` (every server) exists unless defined
        #     dev:
        #       servers: [time, git]
        #       tools: {allow: ["*"], deny: [git/git_reset]}
        #   pool: {max_sessions: 4, calls_per_session: 8, idle_seconds: 300, call_timeout_seconds: 120}
        #   results: redact                              # a secret in a tool result: redact or block
        #   tool_list_limit: 64                          # above it, clients get the search meta-tool
        #   allowed_origins: [https://ide.example.com]   # browsers' pages allowed to call /mcp
        #   interceptors:                                # may veto or rewrite calls; failing ones refuse
        #     - {name: review, when: before, http: "https://hooks.example.com/mcp", tools: ["git/*"]}

        # Image scanning: SBOMs and vulnerability findings for images pulled through the proxy (load
        # OSV data with `gatehouse vulndb import DIR|ZIP`), and policies the proxy enforces at pull for
        # the groups each names (every puller when none).
        # scan:
        #   background: true                             # scan pulled images (once per digest)
        #   vex: [/etc/gatehouse/vex/services.json]      # OpenVEX not_affected statements suppress findings
        #   policies:
        #     - id: no-fixable-high
        #       repositories: ["registry.example.com/*"]
        #       groups: [developers]
        #       max_fixable: high                        # no fixable high or critical finding…
        #       fixable_age_days: 14                     # …whose advisory is two weeks old
        #       denied_licenses: [AGPL-3.0-only, AGPL-3.0-or-later, SSPL-1.0]
        #       non_root: true
        #       attestations: [sbom, provenance]
        #       base_images: ["docker.io/library/debian:*", "registry.example.com/base/*"]  # where provenance names it
        #       base_up_to_date: true                    # …and built on the tag's current digest

        # Models at /v1 (OpenAI-compatible) and /api (Ollama-compatible). Using a model is `model.use`
        # on the name the client asks for; serving it from an upstream also needs `model.offload` on
        # UPSTREAM/MODEL; listing the models one may use is `model.list`; pulling and removing models
        # is `model.manage`; reading usage and spend is `usage.read` (on self for one's own). Without
        # `models`, every model of the model store is served under its own name.
        # inference:
        #   currency: USD                                # the label of prices and budgets
        #   engines:
        #     llama_cpp:
        #       command: [/opt/venv/bin/python3, -m, llama_cpp.server]  # default: llama-server on PATH,
        #                                                #   else python3 -m llama_cpp.server
        #       extra_args: [--chat_format, chatml-function-calling]    # added to every start
        #       threads: 1                               # CPU threads per model (1 to 256)
        #       context_length: 4096                     # tokens (256 to 1048576)
        #       max_loaded: 2                            # models loaded at once (1 to 64)
        #       keep_alive: 5m                           # idle time before unloading; 0: after each request, -1: never
        #       memory_bytes: 0                          # for loaded models; 0: what the host has available
        #       start_timeout: 120s                      # for a model's server to answer
        #   upstreams:                                   # OpenAI-compatible endpoints to offload to
        #     - name: openai                             # lowercase letters, digits, _ and -
        #       base_url: https://api.openai.com/v1      # plain http only to loopback (or allow_plain_http: true)
        #       api_key: env:OPENAI_API_KEY
        #       timeout: 600s                            # per request
        #   models:                                      # the names clients ask for
        #     - name: smollm2
        #       candidates:                              # in order: the first healthy one policy and budget allow
        #         - {local: "ai/smollm2:latest"}         # a model of the model store
        #         - {upstream: openai, model: gpt-4o-mini}
        #   routing:
        #     queue_threshold: 4                         # past this many requests in flight, local is busy
        #   prices:                                      # per million tokens, by route: local/NAME or
        #                                                #   UPSTREAM/MODEL (globs; first match, else 0)
        #     - {route: "openai/gpt-4o*", input: 2.50, output: 10.00}
        #   limits:                                      # ids are unique with the rule ids; each names a group or a user
        #     - {id: developers-team, group: developers, monthly_budget: 500, rpm: 600, tpm: 200000}
        #     - {id: developers-each, group: developers, per_user: true, monthly_budget: 50, rpm: 60, tpm: 20000}
        #     - {id: alice, user: alice-subject, monthly_budget: 5}   # user: the principal's subject

        # Who may do what, by group. A principal is subject to the rules of each of its groups (as
        # the identity provider reports them) plus `authenticated`. A matching deny always wins;
        # otherwise the first matching allow decides; with no match the request is denied.
        #
        # Each rule has:
        #   id           a name shown in decisions and the audit trail (default: its place, such
        #                as groups.admins.rules[0]); ids are unique in the file
        #   effect       allow or deny
        #   actions      action names or patterns: "*" is any run of characters, "?" any one
        #   resources    resource patterns (default "*": any resource)
        #   reason       why the rule exists; shown to those it denies
        #   obligations  names and strings the action must honour when allowed
        groups:
          admins:
            description: Operators of this Gatehouse.
            rules:
              - id: admins-everything
                effect: allow
                actions: ["*"]

          # Every signed-in principal is in this pseudo-group.
          authenticated:
            description: Everyone who has signed in.
            rules:
              - id: authenticated-whoami
                effect: allow
                actions: [identity.whoami, identity.login, identity.logout, image.check]   # login: sign in through the provider
              - id: authenticated-own-tokens
                effect: allow
                actions: [token.create, token.list, token.revoke]
                resources: [self]           # one's own tokens only
              - id: authenticated-own-usage
                effect: allow
                actions: [usage.read]
                resources: [self]           # one's own token usage and spend only
              - id: authenticated-own-agent-sessions
                effect: allow
                actions: [agent.read]
                resources: [self]           # one's own agent sessions only
              # The web console (/console): each page is console.view on its name (home, overview,
              # audit, people, spend, mcp, sandboxes, images, policy). Everyone has their own page.
              - id: authenticated-console-home
                effect: allow
                actions: [console.view]
                resources: [home]

          developers:
            description: People building with models, tools, images and sandboxes.
            rules:
              - id: developers-build
                effect: allow
                actions: [model.use, model.list, tool.profile, tool.list, tool.call, image.pull, sandbox.start]
              # Agent files: running an agent, delegating between its agents (transfer_task, handoff).
              # Built-in tools (filesystem, shell, fetch…) are tool.call on agent/TOOLSET/TOOL.
              - id: developers-agents
                effect: allow
                actions: [agent.run, agent.delegate]
              - id: developers-own-sandboxes
                effect: allow
                actions: [sandbox.list, sandbox.stop]
                resources: [self]
              - id: developers-no-latest
                effect: deny
                actions: image.pull
                resources: ["docker.io/*/*:latest"]
                reason: Pin image versions; ":latest" on Docker Hub changes under you.

          # The SCIM client (the identity provider's provisioning) acts in this group.
          scim:
            description: The identity provider's provisioning client.
            rules:
              - id: scim-provisioning
                effect: allow
                actions: [user.read, user.provision, user.deprovision]

          auditors:
            description: People who review the audit trail.
            rules:
              - id: auditors-audit
                effect: allow
                actions: [audit.read, audit.verify, audit.export]
              - id: auditors-console
                effect: allow
                actions: [console.view]
                resources: [overview, audit]

        """#
}
