/** Texts for the TCP family: `tcp-refused` and `tcp-timeout`. */
import { L, joinL, type Texts } from '../rule';

export function tcpRefusedTexts(where: string, port: number | null): Texts {
  return {
    title: L(
      `${where} 拒绝连接：这个端口上没有服务在监听`,
      `${where} refuses connections: nothing listens on the port`,
    ),
    explanation: L(
      `TCP 连接被对方立即拒绝（ECONNREFUSED，SYN 换来的是 RST）。说明数据包到达了服务器，但这个端口上没有进程在监听：服务没启动、崩溃了，或者监听在别的端口/只监听了 127.0.0.1。`,
      `The TCP connection was refused at once (ECONNREFUSED: the SYN got a RST). Packets reach the server, but no process listens on the port: the service is not running, crashed, or listens on another port or only on 127.0.0.1.`,
    ),
    fix: L(
      `在服务器上用 ss -ltnp（或 netstat -ltnp）确认 nginx/应用在 0.0.0.0:${port ?? 443} 上监听；启动或重启服务；检查 nginx 的 listen 配置和端口映射（Docker、负载均衡的后端端口）。`,
      `On the server check with ss -ltnp (or netstat -ltnp) that nginx / the app listens on 0.0.0.0:${port ?? 443}; start or restart it; check nginx's listen directive and port mappings (Docker, load-balancer backend port).`,
    ),
  };
}

export function tcpTimeoutTexts(where: string, unreachable: boolean, port: number | null): Texts {
  return {
    title: L(`连不上 ${where}：TCP 握手没有回应`, `Cannot reach ${where}: the TCP handshake gets no answer`),
    explanation: joinL([
      unreachable
        ? L(
            `连接时收到“主机/网络不可达”（EHOSTUNREACH/ENETUNREACH），数据包到不了服务器。`,
            `Connecting got “host / network unreachable” (EHOSTUNREACH / ENETUNREACH): packets do not reach the server.`,
          )
        : L(
            `发出的 SYN 一直没有回应，连接超时（ETIMEDOUT）。这通常是防火墙或云服务器安全组把这个端口的入站流量直接丢弃了，或者服务器已关机、IP 已不属于你。`,
            `The SYN was never answered and the connection timed out (ETIMEDOUT). Usually a firewall or the cloud security group silently drops inbound traffic on the port, or the server is down or the IP is no longer yours.`,
          ),
    ]),
    fix: L(
      `在云控制台的安全组里放行 TCP ${port ?? 443} 入站（来源 0.0.0.0/0），检查服务器上的防火墙（iptables、firewalld、ufw）；确认域名解析到的 IP 就是这台服务器。`,
      `Allow inbound TCP ${port ?? 443} from 0.0.0.0/0 in the cloud security group, check the host firewall (iptables, firewalld, ufw), and make sure the domain resolves to this server's IP.`,
    ),
  };
}
