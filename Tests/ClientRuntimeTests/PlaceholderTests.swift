@testable import ClientRuntime
import Testing
