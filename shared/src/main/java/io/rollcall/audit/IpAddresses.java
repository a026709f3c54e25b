package io.rollcall.audit;

import java.util.regex.Pattern;

/** Checks an address literal without a DNS look-up (InetAddress.getByName would resolve host names). */
final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private IpAddresses() {
    }

    static boolean isLiteral(String address) {
        return IPV4.matcher(address).matches() || (address.contains(":") && IPV6.matcher(address).matches());
    }
}
