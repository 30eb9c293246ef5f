import SpecParser

/// Document-wide changes: component schemas renamed, removed or added; webhooks; servers.
extension ComparisonRun {
    func compareDocument() {
        compareServers()
        compareWebhooks()
        compareSecuritySchemes()
        compareSecurity(
            old.security ?? [], new.security ?? [], operation: nil, pointer: "/security",
            oldLocation: old.location, newLocation: new.location)
        compareOperations()
        reportSchemaRenames()
    }

    /// A component that is gone under one name and present under another with
    /// the same structure was renamed: reported as such, not as a removal and
    /// an addition. Other components that come or go are reported too, since
    /// each is a type of the generated client.
    func reportSchemaRenames() {
        let oldComponents = old.schemas.filter(\.isComponent)
        let newComponents = new.schemas.filter(\.isComponent)
        let oldNames = Set(oldComponents.map(\.name))
        let newNames = Set(newComponents.map(\.name))
        let renamedNames = Set(renamedComponents.values.map(\.name))
        for removed in oldComponents where !newNames.contains(removed.name) {
            if let renamed = renamedComponents[removed.key] {
                report(
                    .schemaRenamed, .warning, .both, operation: nil,
                    pointer: "/components/schemas/" + JSONPointer.escape(renamed.name),
                    old: removed.schema.location, new: renamed.schema.location,
                    "schema \(removed.name) was renamed to \(renamed.name) (same structure); the generated type is "
                        + "renamed"
                )
            } else {
                report(
                    .schemaRemoved, .warning, .both, operation: nil,
                    pointer: "/components/schemas/" + JSONPointer.escape(removed.name),
                    old: removed.schema.location, new: nil, "schema \(removed.name) was removed")
            }
        }
        for schema in newComponents where !oldNames.contains(schema.name) && !renamedNames.contains(schema.name) {
            report(
                .schemaAdded, .info, .both, operation: nil,
                pointer: "/components/schemas/" + JSONPointer.escape(schema.name),
                old: nil, new: schema.schema.location, "schema \(schema.name) was added")
        }
    }

    /// Webhooks are not generated, but they are part of the API: a consumer
    /// that receives them wants to know when one comes or goes, or changes
    /// what it sends.
    func compareWebhooks() {
        let newNames = new.webhooks.map(\.path)
        for webhook in old.webhooks where !newNames.contains(webhook.path) {
            report(
                .webhookRemoved, .warning, .both, operation: nil,
                pointer: "/webhooks/" + JSONPointer.escape(webhook.path),
                old: webhook.location, new: nil, "webhook '\(webhook.path)' was removed")
        }
        for webhook in new.webhooks {
            let pointer = "/webhooks/" + JSONPointer.escape(webhook.path)
            guard let previous = old.webhooks.first(where: { $0.path == webhook.path }) else {
                report(
                    .webhookAdded, .info, .both, operation: nil, pointer: pointer,
                    old: nil, new: webhook.location, "webhook '\(webhook.path)' was added")
                continue
            }
            let oldMethods = previous.operations.map(\.method.uppercased)
            let newMethods = webhook.operations.map(\.method.uppercased)
            if oldMethods != newMethods {
                report(
                    .webhookChanged, .warning, .both, operation: nil, pointer: pointer, old: previous.location,
                    new: webhook.location,
                    "webhook '\(webhook.path)' now uses \(newMethods.joined(separator: ", ")) instead of "
                        + "\(oldMethods.joined(separator: ", "))"
                )
            }
            for after in webhook.operations {
                guard let before = previous.operations.first(where: { $0.method == after.method }),
                    let oldBody = before.requestBody, let newBody = after.requestBody
                else { continue }
                // What the API sends is what a receiver decodes: the response side.
                compareContent(
                    oldBody.content, newBody.content, direction: .response, operation: "webhook \(webhook.path)",
                    pointer: pointer + "/" + after.method.rawValue + "/requestBody/content",
                    oldParent: oldBody.location, newParent: newBody.location,
                    subject: "the body of webhook '\(webhook.path)'")
            }
        }
    }

    func compareServers() {
        let oldURLs = old.servers.map(\.url)
        let newURLs = new.servers.map(\.url)
        guard oldURLs != newURLs else { return }
        for url in oldURLs where !newURLs.contains(url) {
            report(
                .serverRemoved, .warning, .both, operation: nil, pointer: "/servers",
                old: old.servers.first { $0.url == url }?.location, new: new.servers.first?.location,
                "server \(url) was removed")
        }
        for url in newURLs where !oldURLs.contains(url) {
            report(
                .serverAdded, .info, .both, operation: nil, pointer: "/servers",
                old: old.servers.first?.location, new: new.servers.first { $0.url == url }?.location,
                "server \(url) was added")
        }
        if oldURLs.first != newURLs.first, let first = newURLs.first, oldURLs.contains(first) {
            report(
                .defaultServerChanged, .warning, .both, operation: nil, pointer: "/servers/0",
                old: old.servers.first?.location, new: new.servers.first?.location,
                "the default server is now \(first)")
        }
    }
}
