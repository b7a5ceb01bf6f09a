package dk.npflan.dhcp.kea.control;

/**
 * One subnet's address counters from {@code statistic-get-all}, where Kea reports them as flat keys
 * {@code subnet[ID].total-addresses} and so on, with the subnet id NetBox-derived configs set.
 *
 * @param subnetId the subnet's Kea id
 * @param totalAddresses addresses in the subnet's pools
 * @param assignedAddresses addresses leased now
 * @param declinedAddresses addresses clients declined (in probation)
 */
public record SubnetStatistics(
        long subnetId, long totalAddresses, long assignedAddresses, long declinedAddresses) {}
