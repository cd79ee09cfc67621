# m-coherence alpha_m = ||sum_i g_i||^2 / sum_i ||g_i||^2 (per-example gradients of 1/2 (f_i - y_i)^2)
# for examples/coherence.dyn's setting, replicated in numpy over 10 other draws: d = 20, n = 200,
# real labels sign(w.x) vs random +-1; two-layer tanh net, 256 units, W ~ N(0, 1/d), a ~ N(0, 1/H);
# full-batch GD on L = (1/2n) sum (f - y)^2 at lr 0.2, 20 steps (t = 4). Also with lr 2e-3 (the
# "training does nothing" mutation). alpha_m = 1 is the value for uncorrelated per-example gradients.
import numpy as np
d,n,H=20,200,256
def am(W,a,X,y):
    Z=W@X; A=np.tanh(Z); f=a@A; r=f-y                      # (n,)
    ga=(r[None,:]*A)                                         # H x n: grad wrt a per example
    gW=(r*(a[:,None]*(1-A**2)))                              # H x n: times x_i^T for W
    S=np.sum(ga,1); SW=gW@X.T
    num=S@S+np.sum(SW**2)
    den=np.sum(ga**2)+np.sum((gW**2).sum(0)*(X**2).sum(0))
    return num/den
def run(seed,random,lr=0.2,steps=20):
    r=np.random.default_rng(seed)
    w=r.normal(size=d); X=r.normal(size=(d,n)); y=np.sign(r.normal(size=n) if random else w@X)
    r2=np.random.default_rng(seed+100)
    W=r2.normal(size=(H,d))/np.sqrt(d); a=r2.normal(size=H)/np.sqrt(H)
    a0=am(W,a,X,y)
    for _ in range(steps):
        Z=W@X; A=np.tanh(Z); R=(a@A-y)/n
        ga=A@R; gW=(np.outer(a,R)*(1-A**2))@X.T
        a-=lr*ga; W-=lr*gW
    return a0,am(W,a,X,y)
for lr in [0.2,2e-3]:
    R=np.array([[*run(s,False,lr),*run(s,True,lr)] for s in range(10)])
    print("lr %g: real init %.2f-%.2f final %.3f-%.3f | random init %.2f-%.2f final %.3f-%.3f | init ratio min %.2f"
          %(lr,R[:,0].min(),R[:,0].max(),R[:,1].min(),R[:,1].max(),R[:,2].min(),R[:,2].max(),R[:,3].min(),R[:,3].max(),(R[:,0]/R[:,2]).min()))
for lr in [0.2,2e-3]:
    R=np.array([[*run(s,False,lr),*run(s,True,lr)] for s in range(10)])
    print("lr %g: final/init real max %.3f min %.3f, random max %.3f min %.3f"%(lr,(R[:,1]/R[:,0]).max(),(R[:,1]/R[:,0]).min(),(R[:,3]/R[:,2]).max(),(R[:,3]/R[:,2]).min()))
