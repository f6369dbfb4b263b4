using System.Net;

namespace Sctp.Samples;

/// <summary>Parses the ADDR:UDPPORT arguments of the samples ("127.0.0.1:9899", "[::1]:9899", "localhost:9899").</summary>
internal static class EndPointParser
{
    public static IPEndPoint Parse(string text)
    {
        if (IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0)
        {
            return endPoint;
        }

        int colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), out int port) && port is > 0 and <= 65535)
        {
            var host = text[..colon].Trim('[', ']');
            var address = host == "localhost" ? IPAddress.Loopback : Dns.GetHostAddresses(host).First();
            return new IPEndPoint(address, port);
        }

        throw new FormatException($"'{text}' is not ADDR:UDPPORT.");
    }
}
