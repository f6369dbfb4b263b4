using System.Diagnostics.Metrics;

namespace Sctp.Net.Internal;

/// <summary>
/// The "Sctp" meter (System.Diagnostics.Metrics), so dotnet-counters and OpenTelemetry see associations,
/// packets, bytes, retransmissions and drops without any setup in the application.
/// </summary>
internal static class SctpMetrics
{
    public const string MeterName = "Sctp";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> AssociationsOpened = Meter.CreateCounter<long>("sctp.associations.opened", description: "Associations established (accepted or connected).");

    public static readonly Counter<long> AssociationsClosed = Meter.CreateCounter<long>("sctp.associations.closed", description: "Associations that ended, gracefully or not.");

    public static readonly Counter<long> PacketsReceived = Meter.CreateCounter<long>("sctp.packets.received", description: "UDP datagrams received.");

    public static readonly Counter<long> PacketsSent = Meter.CreateCounter<long>("sctp.packets.sent", description: "UDP datagrams sent.");

    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("sctp.bytes.received", "By", "Bytes of SCTP packets received.");

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>("sctp.bytes.sent", "By", "Bytes of SCTP packets sent.");

    public static readonly Counter<long> Retransmissions = Meter.CreateCounter<long>("sctp.retransmissions", description: "DATA chunks retransmitted, counted when an association ends.");

    public static readonly Counter<long> Drops = Meter.CreateCounter<long>("sctp.drops", description: "Datagrams dropped by the endpoint, by reason.");

    public static void Dropped(DropReason reason) => Drops.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
}
