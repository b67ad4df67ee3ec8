# A small MCP server (stdio, one JSON-RPC message per line) for the image-server tests: it runs
# in an image that holds nothing but busybox, so it is written in busybox awk. Tools:
#   echo {text}  answers the text back
#   env          answers GREETING (the catalog's env), IMAGE_VAR (the image's Env) and SUFFIX (an
#                awk assignment from the image's Cmd, or from the catalog's command: replacing it)
#   look         answers the names in / as the server sees them
#   whoami       answers the user and group ids it runs as (the image's User)
# Variable assignments given as operands (SUFFIX=...) are applied before stdin is read.

function field(name,    pattern, value) {
	pattern = "\"" name "\"[ ]*:[ ]*(\"[^\"]*\"|[0-9]+)"
	if (!match($0, pattern)) return ""
	value = substr($0, RSTART, RLENGTH)
	sub("^\"" name "\"[ ]*:[ ]*", "", value)
	return value
}

function unquote(text) {
	gsub(/^"|"$/, "", text)
	return text
}

function reply(id, result) {
	printf "{\"jsonrpc\":\"2.0\",\"id\":%s,\"result\":%s}\n", id, result
	fflush()
}

function text(id, body) {
	reply(id, "{\"content\":[{\"type\":\"text\",\"text\":\"" body "\"}]}")
}

{
	id = field("id")
	method = unquote(field("method"))
	if (id == "") next # a notification
	if (method == "initialize") {
		version = unquote(field("protocolVersion"))
		reply(id, "{\"protocolVersion\":\"" version "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"image-echo\",\"version\":\"1\"}}")
	} else if (method == "ping") {
		reply(id, "{}")
	} else if (method == "tools/list") {
		object = "{\"type\":\"object\",\"properties\":{}}"
		reply(id, "{\"tools\":[" \
			"{\"name\":\"echo\",\"description\":\"Answers its text\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}}," \
			"{\"name\":\"env\",\"description\":\"Answers its environment\",\"inputSchema\":" object "}," \
			"{\"name\":\"look\",\"description\":\"Answers the names in /\",\"inputSchema\":" object "}," \
			"{\"name\":\"whoami\",\"description\":\"Answers its user and group ids\",\"inputSchema\":" object "}]}")
	} else if (method == "tools/call") {
		tool = unquote(field("name"))
		if (tool == "echo") {
			text(id, unquote(field("text")))
		} else if (tool == "env") {
			text(id, ENVIRON["GREETING"] " " ENVIRON["IMAGE_VAR"] " " SUFFIX)
		} else if (tool == "whoami") {
			"/bin/busybox id -u" | getline uid
			close("/bin/busybox id -u")
			"/bin/busybox id -g" | getline gid
			close("/bin/busybox id -g")
			text(id, uid " " gid)
		} else if (tool == "look") {
			names = ""
			while (("/bin/busybox ls /" | getline name) > 0) names = names (names == "" ? "" : " ") name
			close("/bin/busybox ls /")
			text(id, names)
		} else {
			printf "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32602,\"message\":\"no tool %s\"}}\n", id, tool
			fflush()
		}
	} else {
		printf "{\"jsonrpc\":\"2.0\",\"id\":%s,\"error\":{\"code\":-32601,\"message\":\"no method %s\"}}\n", id, method
		fflush()
	}
}
