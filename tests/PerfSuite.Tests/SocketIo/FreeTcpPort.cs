using System.Net;
using System.Net.Sockets;

namespace PerfSuite.Tests.SocketIo;

/// <summary>Finds a loopback port that nothing listens on at the moment of the call.</summary>
internal static class FreeTcpPort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
