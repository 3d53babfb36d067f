inf = 1e308 * 10
nan = inf - inf
print(f"{inf:f}", f"{-inf:.2f}", f"{nan:>6}", f"{inf:F}", f"{nan:E}", f"{inf:+}", f"{-inf:g}")
print('%f' % inf, '%e' % nan, '{:10.3f}|'.format(inf), f"{inf:08.2f}")
print(f"{-0.0}", f"{-0.0:g}", f"{-0.0:e}", f"{0.0:+.1f}", '%.2f' % -0.0)
