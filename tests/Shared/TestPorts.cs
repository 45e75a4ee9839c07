using System.Net;
using System.Net.Sockets;

namespace IntelGraph.Testing;

/// <summary>
/// Free loopback ports for servers that tests start. A port that the system hands out for port 0 comes from
/// the ephemeral range (32768 to 60999 on Linux), which client connections use too, so a test's HTTP client
/// could take it before the server binds it. Ports are therefore drawn below that range.
/// </summary>
internal static class TestPorts
{
    private const int Lowest = 20000;
    private const int Highest = 32000;

    /// <summary>Returns a port between 20000 and 32000 that nothing listens on at the moment of the call.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port was found between {Lowest} and {Highest} in 200 attempts.");
    }
}
