/**
 * Capture files: {@link io.github.bpf4j.vm.pcap.PcapReader} reads pcap and pcapng files into
 * {@link io.github.bpf4j.vm.pcap.CapturedPacket}s with their timestamps and lengths.
 */
package io.github.bpf4j.vm.pcap;
