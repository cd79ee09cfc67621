# Saddle-to-saddle plateaus of examples/saddle_linear.dyn, replicated in numpy over 20 other draws.
# Whitened inputs make the loss exactly L = 1/2 ||T - W2 W1||_F^2, T = U diag(5,3,2,1,0,0) V^T
# (U, V random orthogonal); W1 ~ a N(0, 1/6) (8x6), W2 ~ a N(0, 1/8) (6x8); gradient flow by Euler
# steps of 2e-3. The example checks the loss at the geometric middles of Saxe's learning times
# t_s = ln(s/a^2)/(2s): sqrt(t_5 t_3) (on the step at 7) and sqrt(t_2 t_1) (on the step at 0.5).
# Prints L/7 and L/0.5 there (min and max over the draws) for a = 1e-2 ... 1e-6.
import numpy as np
s=np.array([5,3,2,1,0,0.])
def run(seed,a,times,dt=2e-3):
    r=np.random.default_rng(seed)
    U,_=np.linalg.qr(r.normal(size=(6,6))); V,_=np.linalg.qr(r.normal(size=(6,6))); T=U@np.diag(s)@V.T
    W1=a*r.normal(size=(8,6))/np.sqrt(6); W2=a*r.normal(size=(6,8))/np.sqrt(8)
    out=[]; k=0
    for t in times:
        while k*dt<t-1e-12:
            E=T-W2@W1; W1,W2=W1+dt*W2.T@E, W2+dt*E@W1.T; k+=1
        out.append(0.5*np.sum((T-W2@W1)**2))
    return out
for a in [1e-2,1e-3,1e-4,1e-5,1e-6]:
    L=np.log(1/a)
    ts=lambda k:(2*L+np.log(k))/(2*k)
    times=[np.sqrt(ts(5)*ts(3)), np.sqrt(ts(2)*ts(1))]
    R=np.array([run(seed,a,times) for seed in range(20)])
    print("alpha %g: t=%.3f L/7 in [%.3f, %.3f]; t=%.3f L/0.5 in [%.3f, %.3f]"%(a,times[0],R[:,0].min()/7,R[:,0].max()/7,times[1],R[:,1].min()/0.5,R[:,1].max()/0.5), flush=True)
# Output (this session):
# alpha 0.01: t=1.363 L/7 in [0.897, 1.032]; t=3.377 L/0.5 in [0.893, 1.111]
# alpha 0.001: t=1.958 L/7 in [0.957, 0.998]; t=5.006 L/0.5 in [0.967, 0.997]
# alpha 0.0001: t=2.553 L/7 in [0.984, 0.999]; t=6.634 L/0.5 in [0.991, 0.999]
# alpha 1e-05: t=3.147 L/7 in [0.994, 1.000]; t=8.262 L/0.5 in [0.998, 1.000]
# alpha 1e-06: t=3.742 L/7 in [0.998, 1.000]; t=9.891 L/0.5 in [0.999, 1.000]
