/// A job: one operation starts it, and a second one, which an OpenAPI link
/// from the first one's response points to, reports its stage until a value
/// that `x-job-status` lists as final. The client gets a method that starts
/// the job and waits for its end, and methods to wait for or ask about a job
/// started by hand.
public struct JobModel: Sendable {
    /// The method that starts the job and waits (`removeBackground`).
    public var name: String
    /// The ``OperationModel/name`` of the operation that starts the job.
    public var submit: String
    /// The ``OperationModel/name`` of the operation that reports its stage.
    public var status: String
    /// The struct in the submit response that identifies the job.
    public var handle: String
    /// When the submit response is a union: the case that holds a job
    /// (the others are answers that need no polling).
    public var handleCase: String?
    /// Arguments of the status operation, from the handle's properties (the
    /// link's `parameters`); nil when the link does not give every required one.
    public var statusArguments: [JobArgument]?
    /// The handle's property that holds the absolute address to poll
    /// (`x-polling-url`), when the link names one.
    public var pollingURL: JobField?
    /// The type the status operation returns.
    public var statusType: String
    /// The status type's property that holds the job's stage.
    public var stage: JobField
    /// Stage values after which the result is ready.
    public var succeeded: [String]
    /// Stage values after which the job is over without a result.
    public var failed: [String]
}

/// A property a job helper reads.
public struct JobField: Sendable, Hashable {
    /// The Swift property name.
    public var name: String
    /// The key on the wire.
    public var wireName: String
    public var isOptional: Bool
    /// True when the value is a generated enum, read through `rawValue`.
    public var isEnum: Bool = false
    /// True when the value is a `URL` (false for a string that holds one).
    public var isURL: Bool = false
}

/// One argument of the status call, read from the job's handle.
public struct JobArgument: Sendable, Hashable {
    /// The status operation's parameter.
    public var parameter: String
    /// The handle's property that gives its value.
    public var property: JobField
}
